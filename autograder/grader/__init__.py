"""Our own grader: ``python -m autograder grade ASSIGNMENT PATH... --out DIR [--jobs N]``.

    discover   PATHs → submissions (student id, file)
    plan       checks → the calls a submission's code must answer (and back to outcomes)
    run        the sandbox answers them; grading judges; results are written, resumably
    results    results.json (Gradescope's schema), grades.csv, feedback.txt
    gradebook  --course: the scores into nbgrader's gradebook
    progress   a bar with an ETA on a terminal, plain lines otherwise
"""
