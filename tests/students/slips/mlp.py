"""Single slips in mlp, beyond the lecture's list: textual edits of the student-style CORRECT.

Same form as ``tutorial_net`` here: id -> (edits, functions where the slip is made, words one of
which must appear in their feedback). ``HELDOUT`` was written before the diagnosis was run on it.
"""
FWD_F = 'F = softmax(As[-1]) if task == "classification" else As[-1]'
CE = "return -np.sum(Y * logF) / F.shape[0]"
SE = "return 0.5 * np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / len(F)"
OD = "def output_delta(F, Y):\n    return np.asarray(F) - np.asarray(Y)"
HD = "return DER[activation](A) * np.dot(delta_next, W_next)"
DW = "dW = np.dot(D.T, Z) / n + lam * W"
UP = "new.append((W - eta * dW, b - eta * db))"

TUNED = {
    "sigma-on-output": ([(FWD_F, 'F = softmax(As[-1]) if task == "classification" else ACT[activation](As[-1])')], ["forward"], ["activation"]),
    "no-softmax": ([(FWD_F, "F = As[-1]")], ["forward"], ["A^("]),
    "ce-mean-over-all": ([(CE, "return -np.mean(Y * logF)")], ["cross_entropy"], ["1/K"]),
    "ce-sign": ([(CE, "return np.sum(Y * logF) / F.shape[0]")], ["cross_entropy"], ["−1", "sign"]),
    "se-mean-over-all": ([(SE, "return 0.5 * np.mean((np.asarray(F) - np.asarray(Y)) ** 2)")], ["squared_error"], ["1/K"]),
    "output-delta-sign": ([(OD, OD.replace("np.asarray(F) - np.asarray(Y)", "np.asarray(Y) - np.asarray(F)"))], ["output_delta"], ["−1", "sign"]),
    "output-delta-over-n": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return (np.asarray(F) - np.asarray(Y)) / len(F)"))],
                            ["output_delta"], ["1/n"]),
    "sigmoid-derivative-is-sigmoid": ([("return s * (1 - s)", "return s")], ["sigmoid_derivative"], ["σ(a)"]),
    "tanh-derivative-not-squared": ([("return 1 - np.tanh(a) ** 2", "return 1 - np.tanh(a)")], ["tanh_derivative"], ["tanh(a)"]),
    "relu-derivative-is-relu": ([("return (np.asarray(a) > 0).astype(float)", "return np.maximum(a, 0)")], ["relu_derivative"], ["relu(a)"]),
    "hidden-delta-no-sigma-prime": ([(HD, "return np.dot(delta_next, W_next)")], ["hidden_delta"], ["when A changes"]),
    "l2-over-n": ([(DW, "dW = np.dot(D.T, Z) / n + lam / n * W")], ["gradients"], ["λ"]),
    "l2-missing": ([(DW, "dW = np.dot(D.T, Z) / n")], ["gradients"], ["λ"]),
    "update-eta-twice": ([(UP, "new.append((W - eta * eta * dW, b - eta * eta * db))")], ["gd_update"], ["η"]),
    "ce-log10": ([("logF = np.log(np.where", "logF = np.log10(np.where")], ["cross_entropy"], ["log₁₀"]),
}

HELDOUT = {
    "sigmoid-of-minus-a": ([("np.exp(-np.logaddexp(0.0, -a))", "np.exp(-np.logaddexp(0.0, a))")], ["sigmoid"], ["1 − "]),
    "relu-derivative-at-zero": ([("(np.asarray(a) > 0)", "(np.asarray(a) >= 0)")], ["relu_derivative"], ["= 0"]),
    "ce-per-class": ([(CE, "return -np.sum(Y * logF, axis=0) / F.shape[0]")], ["cross_entropy"], ["one axis"]),
    "db-not-averaged": ([("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=0)")], ["gradients"], ["db^(", "n ×"]),
    "update-ascent": ([(UP, "new.append((W + eta * dW, b + eta * db))")], ["gd_update"], ["η", "−1", "sign"]),
    "se-no-half-squared-sum": ([(SE, "return np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / len(F)")], ["squared_error"], ["2"]),
    "hidden-delta-sigma-for-prime": ([(HD, "return ACT[activation](A) * np.dot(delta_next, W_next)")], ["hidden_delta"], ["σ"]),
    "softmax-no-exp-shift-global": ([("shifted = A - np.max(A, axis=1, keepdims=True)\n    e = np.exp(shifted)", "e = np.exp(A) + 0 * A")],
                                    ["softmax"], ["overflow", "nan"]),
    "forward-hidden-linear": ([("Z = ACT[activation](A)", "Z = A")], ["forward"], ["A^(", "Z^("]),
    "se-abs": ([("(np.asarray(F) - np.asarray(Y)) ** 2) / len(F)", "np.abs(np.asarray(F) - np.asarray(Y))) / len(F)")],
               ["squared_error"], ["square"]),
}

# A second held-out set, written after the first had been run once (and before this one was).
HELDOUT2 = {
    "sigmoid-is-tanh": ([("return np.exp(-np.logaddexp(0.0, -a))", "return np.tanh(a)")], ["sigmoid"], ["tanh(a)"]),
    "relu-leaky": ([("return np.maximum(a, 0)", "return np.maximum(a, 0.01 * a)")], ["relu"], ["a < 0"]),
    "softmax-over-everything": ([("e / np.sum(e, axis=1, keepdims=True)", "e / np.sum(e)")], ["softmax"], ["sum"]),
    "ce-over-K": ([(CE, "return -np.sum(Y * logF) / F.shape[1]")], ["cross_entropy"], ["K"]),
    "se-no-batch-mean": ([(SE, "return 0.5 * np.sum((np.asarray(F) - np.asarray(Y)) ** 2)")], ["squared_error"], ["n"]),
    "output-delta-sigmoid-chain": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)",
                                                    "return np.asarray(F) * (1 - np.asarray(F)) * (np.asarray(F) - np.asarray(Y))"))],
                                   ["output_delta"], ["F"]),
    "hidden-delta-over-n": ([(HD, HD + " / len(A)")], ["hidden_delta"], ["1/n"]),
    "db-scalar-mean": ([("db = np.sum(D, axis=0) / n", "db = np.mean(D)")], ["gradients"], ["every entry"]),
    "l2-doubled": ([(DW, "dW = np.dot(D.T, Z) / n + 2 * lam * W")], ["gradients"], ["λ"]),
    "biases-not-updated": ([(UP, "new.append((W - eta * dW, b))")], ["gd_update"], ["b^("]),
    "train-one-epoch-fewer": ([("for _ in range(epochs):", "for _ in range(epochs - 1):")], ["train"], ["one entry fewer"]),
    "forward-activation-on-every-layer": ([("        if h < len(params) - 1:\n            Z = ACT[activation](A)\n            Zs.append(Z)",
                                            "        Z = ACT[activation](A)\n        Zs.append(Z)")], ["forward"], ["Z"]),
}

# A third held-out set, written after the second had been used for tuning (and before this one was run).
HELDOUT3 = {
    "sigmoid-derivative-plus": ([("return s * (1 - s)", "return s * (1 + s)")], ["sigmoid_derivative"], ["σ"]),
    "tanh-derivative-sech": ([("return 1 - np.tanh(a) ** 2", "return 1 / np.cosh(a)")], ["tanh_derivative"], ["tanh"]),
    "softmax-unnormalised": ([("return e / np.sum(e, axis=1, keepdims=True)", "return e")], ["softmax"], ["row"]),
    "ce-epsilon": ([("logF = np.log(np.where(Y > 0, F, 1.0))", "logF = np.log(np.where(Y > 0, F, 1.0) + 1e-3)")], ["cross_entropy"], ["log"]),
    "se-over-size": ([(SE, "return 0.5 * np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / np.asarray(F).size")], ["squared_error"], ["1/K"]),
    "output-delta-squared": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return (np.asarray(F) - np.asarray(Y)) ** 2"))],
                             ["output_delta"], ["square"]),
    "hidden-delta-w-transposed": ([(HD, "return DER[activation](A) * np.dot(delta_next, W_next.T)")], ["hidden_delta"], ["W_next"]),
    "backward-reversed": ([("deltas.insert(0, hidden_delta(", "deltas.append(hidden_delta(")], ["backward"], ["another part"]),
    "gradients-x-for-every-layer": ([('zip(params, deltas, cache["Z"])', "zip(params, deltas, [X] * len(params))")], ["gradients"], ["Z"]),
    "update-returns-grads": ([(UP, "new.append((dW, db))")], ["gd_update"], ["unchanged"]),
    "train-first-loss-without-l2": ([("    losses = [loss_of(params, X, Y, activation, task, lam)]\n",
                                      "    losses = [loss_of(params, X, Y, activation, task, 0.0)]\n")], ["train"], ["λ"]),
    "cache-a-holds-z": ([("        As.append(A)\n", "        As.append(ACT[activation](A) if h < len(params) - 1 else A)\n")],
                        ["forward"], ["Z^("]),
}

# A fourth held-out set, written before any tuning of this round (adapted from how public course
# code goes wrong: an overflowing σ, σ' of a, precedence, softmax without keepdims or with one
# global max, in-place work on the caller's arrays, one-hot and label mistakes in the loss, a
# reduction over the wrong axis, a hard-coded activation or task, an index one layer off, a loop
# one layer short, a gradient reused across steps, the initial params returned). Run once, then
# left alone.
TRAIN_LOOP = ("    for _ in range(epochs):\n        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"
              "        losses.append(loss_of(params, X, Y, activation, task, lam))\n    return params, losses")
HELDOUT4 = {
    "sigmoid-overflow": ([("return np.exp(-np.logaddexp(0.0, -a))", "return np.exp(a) / (1 + np.exp(a))")], ["sigmoid"],
                         ["overflow", "nan", "NaN", "inf"]),
    "sigmoid-derivative-of-a": ([("return s * (1 - s)", "return s * (1 - a)")], ["sigmoid_derivative"], ["σ(a)", "1 − a"]),
    "tanh-derivative-precedence": ([("return 1 - np.tanh(a) ** 2", "return (1 - np.tanh(a)) ** 2")], ["tanh_derivative"], ["tanh", "square"]),
    "softmax-no-keepdims": ([("e / np.sum(e, axis=1, keepdims=True)", "e / np.sum(e, axis=1)")], ["softmax"], ["row", "axis", "keepdims"]),
    "softmax-global-max": ([("A - np.max(A, axis=1, keepdims=True)", "A - np.max(A)")], ["softmax"],
                           ["nan", "NaN", "underflow", "row", "max"]),
    "softmax-mutates-input": ([("    shifted = A - np.max(A, axis=1, keepdims=True)\n    e = np.exp(shifted)",
                                "    A -= np.max(A, axis=1, keepdims=True)\n    e = np.exp(A)")], ["softmax"],
                              ["changed by the call", "in place"]),
    "relu-in-place": ([("return np.maximum(a, 0)", "a = np.asarray(a, dtype=float)\n    np.maximum(a, 0, out=a)\n    return a")], ["relu"],
                      ["changed by the call", "in place"]),
    "ce-without-y": ([(CE, "return -np.sum(np.log(F)) / F.shape[0]")], ["cross_entropy"], ["when Y changes", "Y_k", "every class"]),
    "ce-binary-formula": ([(CE, "return -np.sum(Y * logF + (1 - Y) * np.log(1 - F)) / F.shape[0]")], ["cross_entropy"],
                          ["1 − F", "1 − Y", "binary"]),
    "ce-argmax-of-f": ([(CE, "return -np.sum(np.log(F[np.arange(len(F)), np.argmax(F, axis=1)])) / F.shape[0]")], ["cross_entropy"],
                       ["when Y changes", "true class", "argmax"]),
    "se-sum-axis-0": ([(SE, "return 0.5 * np.mean(np.sum((np.asarray(F) - np.asarray(Y)) ** 2, axis=0))")], ["squared_error"],
                      ["n/K", "axis"]),
    "output-delta-label-index": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)",
                                                  "return np.asarray(F) - np.argmax(np.asarray(Y), axis=1)[:, None]"))],
                                 ["output_delta"], ["one-hot", "index"]),
    "hidden-delta-always-sigmoid": ([(HD, "return sigmoid_derivative(A) * np.dot(delta_next, W_next)")], ["hidden_delta"],
                                    ["activation", "sigmoid", "σ'"]),
    "backward-w-off-by-one": ([("params[h + 1][0]", "params[h][0]")], ["backward"], ["W^(", "W_next", "layer"]),
    "forward-task-inverted": ([(FWD_F, 'F = As[-1] if task == "classification" else softmax(As[-1])')], ["forward"], ["softmax", "task"]),
    "cache-z-without-x": ([("As, Zs = [], [Z]", "As, Zs = [], []")], ["forward"], ["Z^(0)", "X", "one entry fewer"]),
    "db-wrong-axis": ([("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=1) / n")], ["gradients"], ["axis", "db^("]),
    "l2-sign": ([(DW, "dW = np.dot(D.T, Z) / n - lam * W")], ["gradients"], ["λ"]),
    "gradients-n-from-features": ([("n = X.shape[0]", "n = X.shape[1]")], ["gradients"],
                                  ["the number of examples", "1/n", "n ×", "/n", "d ×", "/d"]),
    "gradients-task-hardcoded": ([("F, cache = forward(params, X, activation, task)\n    deltas",
                                   'F, cache = forward(params, X, activation, "classification")\n    deltas')],
                                 ["gradients"], ["task", "softmax"]),
    "update-last-layer-skipped": ([("    new = []\n    for (W, b), (dW, db) in zip(params, grads):\n        new.append((W - eta * dW, b - eta * db))",
                                    "    new = list(params)\n    for i in range(len(params) - 1):\n        W, b = params[i]\n"
                                    "        dW, db = grads[i]\n        new[i] = (W - eta * dW, b - eta * db)")],
                                  ["gd_update"], ["unchanged", "last layer"]),
    "train-gradient-once": ([(TRAIN_LOOP, TRAIN_LOOP.replace(
        "    for _ in range(epochs):\n        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)",
        "    g = gradients(params, X, Y, activation, task, lam)\n    for _ in range(epochs):\n        params = gd_update(params, g, eta)"))],
        ["train"], ["computed once", "once", "reused"]),
    "train-returns-initial-params": ([(TRAIN_LOOP, "    p = params\n    for _ in range(epochs):\n"
                                       "        p = gd_update(p, gradients(p, X, Y, activation, task, lam), eta)\n"
                                       "        losses.append(loss_of(p, X, Y, activation, task, lam))\n    return params, losses")],
                                     ["train"], ["unchanged", "before training", "it was given"]),
}

# A fifth held-out set, written after HELDOUT4 had been run once and the diagnosis tuned on TUNED
# … HELDOUT3 (never on HELDOUT4's feedback), before this one was run: a sign in σ's denominator,
# σ' with its square forgotten, + for − in tanh', np.max for np.maximum, a shift in the numerator
# only, min for max, a loss per row, F and Y exchanged, the square of the sum, a norm for the
# squared error, A for σ'(A), A^(D) for F, λW², the first example's δ for db, λ not passed on,
# η and λ exchanged.
HELDOUT5 = {
    "sigmoid-minus-in-denominator": ([("return np.exp(-np.logaddexp(0.0, -a))", "return 1 / (1 - np.exp(-a))")], ["sigmoid"],
                                     ["sign", "1 − e", "−1"]),
    "sigmoid-derivative-missing-square": ([("return s * (1 - s)", "return np.exp(-a) / (1 + np.exp(-a))")], ["sigmoid_derivative"],
                                          ["σ(−a)", "1 − σ(a)", "square"]),
    "tanh-derivative-plus": ([("return 1 - np.tanh(a) ** 2", "return 1 + np.tanh(a) ** 2")], ["tanh_derivative"], ["sign", "tanh²"]),
    "relu-np-max": ([("return np.maximum(a, 0)", "return np.max(a, 0)")], ["relu"], ["np.max", "maximum", "column", "axis"]),
    "softmax-shift-numerator-only": ([("    e = np.exp(shifted)\n    return e / np.sum(e, axis=1, keepdims=True)",
                                       "    e = np.exp(shifted)\n    return e / np.sum(np.exp(A), axis=1, keepdims=True)")],
                                     ["softmax"], ["row", "shift"]),
    "softmax-min-shift": ([("np.max(A, axis=1, keepdims=True)", "np.min(A, axis=1, keepdims=True)")], ["softmax"],
                          ["overflow", "nan", "NaN", "inf", "max"]),
    "ce-per-row": ([(CE, "return -np.sum(Y * logF, axis=1)")], ["cross_entropy"], ["one value per example", "row", "mean"]),
    "ce-args-swapped": ([(CE, "return -np.sum(F * np.log(Y)) / F.shape[0]")], ["cross_entropy"], ["F and Y", "swap", "exchang", "inf", "nan"]),
    "se-square-of-sum": ([(SE, "return 0.5 * np.sum(np.asarray(F) - np.asarray(Y)) ** 2 / len(F)")], ["squared_error"], ["square", "sum"]),
    "se-norm": ([(SE, "return np.linalg.norm(np.asarray(F) - np.asarray(Y)) / len(F)")], ["squared_error"], ["square root", "square", "½"]),
    "hidden-delta-times-a": ([(HD, "return A * np.dot(delta_next, W_next)")], ["hidden_delta"], ["σ'(A)", "factor"]),
    "backward-a-for-f": ([('deltas = [output_delta(cache["F"], Y)]', 'deltas = [output_delta(cache["A"][-1], Y)]')], ["backward"],
                         ["A^(", "softmax"]),
    "l2-squared-w": ([(DW, "dW = np.dot(D.T, Z) / n + lam * W ** 2")], ["gradients"], ["λ", "W²", "square"]),
    "db-first-example": ([("db = np.sum(D, axis=0) / n", "db = D[0]")], ["gradients"], ["first example", "db^("]),
    "train-lam-not-passed": ([(TRAIN_LOOP, TRAIN_LOOP.replace("gradients(params, X, Y, activation, task, lam)",
                                                              "gradients(params, X, Y, activation, task)"))], ["train"], ["λ"]),
    "train-eta-lam-swapped": ([(TRAIN_LOOP, TRAIN_LOOP.replace("gradients(params, X, Y, activation, task, lam), eta)",
                                                               "gradients(params, X, Y, activation, task, eta), lam)"))], ["train"], ["λ", "η"]),
}

# A sixth held-out set, written after the fifth round's tuning (on TUNED … HELDOUT4) and before
# this one was run: tanh's identity without its halves, σ² for σ', tan for tanh, a transposed
# mask, a max for the sum, log-softmax, the squared error for classification, softmax applied
# twice, the output delta in every layer's recursion, λ on b and not on W, + for − on b only, a
# hard-coded activation, two steps per epoch, the bias added after the activation.
HELDOUT6 = {
    "sigmoid-tanh-identity-no-half": ([("return np.exp(-np.logaddexp(0.0, -a))", "return 0.5 * (1 + np.tanh(a))")], ["sigmoid"],
                                      ["tanh", "½"]),
    "sigmoid-derivative-sigma-squared": ([("return s * (1 - s)", "return s * s")], ["sigmoid_derivative"], ["σ", "square"]),
    "tanh-derivative-tan": ([("return 1 - np.tanh(a) ** 2", "return 1 - np.tan(a) ** 2")], ["tanh_derivative"], ["tan", "tanh"]),
    "relu-derivative-transposed": ([("return (np.asarray(a) > 0).astype(float)", "return (np.asarray(a).T > 0).astype(float)")],
                                   ["relu_derivative"], ["transpose"]),
    "softmax-divides-by-max": ([("e / np.sum(e, axis=1, keepdims=True)", "e / np.max(e, axis=1, keepdims=True)")], ["softmax"],
                               ["row", "sum", "max"]),
    "softmax-returns-log": ([("return e / np.sum(e, axis=1, keepdims=True)", "return shifted - np.log(np.sum(e, axis=1, keepdims=True))")],
                            ["softmax"], ["log"]),
    "ce-is-squared-error": ([(CE, "return 0.5 * np.sum((F - Y) ** 2) / F.shape[0]")], ["cross_entropy"], ["squared error", "log"]),
    "output-delta-softmax-again": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return softmax(F) - np.asarray(Y)"))],
                                   ["output_delta"], ["softmax"]),
    "backward-always-output-delta": ([("params[h + 1][0], deltas[0], activation)", "params[h + 1][0], deltas[-1], activation)")],
                                     ["backward"], ["Δ^(", "delta", "layer"]),
    "l2-on-b-not-w": ([(DW, "dW = np.dot(D.T, Z) / n"), ("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=0) / n + lam * b")],
                      ["gradients"], ["λ"]),
    "update-bias-ascent": ([(UP, "new.append((W - eta * dW, b + eta * db))")], ["gd_update"], ["b^(", "sign"]),
    "train-activation-hardcoded": ([(TRAIN_LOOP, TRAIN_LOOP.replace("gradients(params, X, Y, activation, task, lam)",
                                                                    'gradients(params, X, Y, "relu", task, lam)'))], ["train"], ["activation"]),
    "train-two-steps-per-epoch": ([(TRAIN_LOOP, TRAIN_LOOP.replace(
        "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n",
        "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"
        "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"))], ["train"], ["twice", "two", "epoch"]),
    "forward-bias-after-activation": ([("            Z = ACT[activation](A)\n", "            Z = ACT[activation](A - b) + b\n")], ["forward"],
                                      ["b^(", "Z^("]),
}

# A seventh held-out set, written after the fifth round and before the sixth round's tuning, before
# its first run: weights not transposed (shape errors), dW transposed, a loop bound one layer too
# far (IndexError), Z^(h) where A^(h) belongs in the recursion, (1 − tanh)², σ(1 + σ), the sign
# function for the step, e^a for σ, softmax divided by the sum of the shifted arguments, the sum
# of squares averaged over K, (F − Y)∘F, n from the number of layers, λ/2 in the gradient, only W
# returned by the update, σ on the output for classification, −b, λ without its ½ in the loss,
# the cache's F before the softmax.
HELDOUT7 = {
    "forward-w-not-transposed": ([("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W) + b")], ["forward"], ["transpose", "W^("]),
    "forward-w-before-z": ([("A = np.dot(Z, W.T) + b", "A = np.dot(W, Z) + b")], ["forward"], ["transpose", "order", "W^("]),
    "dw-transposed": ([(DW, "dW = np.dot(Z.T, D) / n + lam * W")], ["gradients"], ["transpose", "dW^("]),
    "backward-range-one-too-far": ([("range(len(params) - 2, -1, -1)", "range(len(params) - 1, -1, -1)")], ["backward"],
                                   ["layer", "range", "index", "past"]),
    "backward-z-for-a": ([('hidden_delta(cache["A"][h],', 'hidden_delta(cache["Z"][h],')], ["backward"], ["Z^(", "A^("]),
    "tanh-derivative-square-of-difference": ([("return 1 - np.tanh(a) ** 2", "return (1 - np.tanh(a)) ** 2")], ["tanh_derivative"],
                                             ["1 − tanh", "tanh", "square"]),
    "sigmoid-derivative-one-plus": ([("return s * (1 - s)", "return s * (1 + s)")], ["sigmoid_derivative"], ["1 + σ", "sign", "σ(a)"]),
    "relu-derivative-sign": ([("return (np.asarray(a) > 0).astype(float)", "return np.sign(a)")], ["relu_derivative"], ["sign", "−1"]),
    "sigmoid-no-one-plus": ([("return np.exp(-np.logaddexp(0.0, -a))", "return 1 / np.exp(-a)")], ["sigmoid"], ["e^a", "exp", "1 +"]),
    "softmax-sum-of-shifted": ([("e / np.sum(e, axis=1, keepdims=True)", "e / np.sum(shifted, axis=1, keepdims=True)")], ["softmax"],
                               ["sum", "exp", "e^"]),
    "se-mean-over-k": ([(SE, "return 0.5 * np.mean(np.sum((np.asarray(F) - np.asarray(Y)) ** 2, axis=0))")], ["squared_error"],
                       ["1/K", "K"]),
    "output-delta-times-f": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return (np.asarray(F) - np.asarray(Y)) * np.asarray(F)"))],
                             ["output_delta"], ["F", "factor"]),
    "gradients-n-is-layers": ([("n = X.shape[0]", "n = len(params)")], ["gradients"], ["n"]),
    "l2-half-in-gradient": ([(DW, "dW = np.dot(D.T, Z) / n + lam / 2 * W")], ["gradients"], ["λ", "½"]),
    "update-drops-b": ([(UP, "new.append(W - eta * dW)")], ["gd_update"], ["b^(", "pair", "tuple"]),
    "forward-classification-sigmoid": ([(FWD_F, 'F = sigmoid(As[-1]) if task == "classification" else As[-1]')], ["forward"],
                                       ["softmax", "σ"]),
    "forward-bias-subtracted": ([("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W.T) - b")], ["forward"], ["b^(", "sign"]),
    "train-l2-no-half": ([("return data + lam / 2 * sum(", "return data + lam * sum(")], ["train"], ["λ", "½"]),
    "forward-cache-f-before-softmax": ([('return F, {"A": As, "Z": Zs, "F": F}', 'return F, {"A": As, "Z": Zs, "F": As[-1]}')],
                                       ["forward"], ["cache", "softmax", "F"]),
}

# An eighth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or its feedback beyond the README's examples), adapted from how public course
# code goes wrong: 1 / 1 + e^−a, σ' written for the output (a(1 − a)), tanh' copied from σ', a
# Python loop over rows, a bool cast for the mask, a transpose not undone, the log of the batch's
# sum, log1p, a mean taken twice, / 2 * n, a Z appended once too often, X fed to every layer, b
# as a column, an activation range one short, the delta averaged over the batch, ∂ℓ/∂F for
# ∂ℓ/∂A^(D), the mask on the wrong side of the product, a copy-pasted derivative table, a loop
# stopping before the first layer, an A index one layer on, keepdims on db, floor division, Z
# shifted by one layer, the params list aliased, the gradients in backprop order, λ on the
# biases in the loss, ‖W‖ for ‖W‖², the squared error for every task. Run once at the end; not
# changed after.
DER_LINE = 'DER = {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative, "relu": relu_derivative}'
L2_LOSS = "return data + lam / 2 * sum(np.sum(W ** 2) for W, _ in params)"
HELDOUT8 = {
    "sigmoid-missing-parentheses": ([("return np.exp(-np.logaddexp(0.0, -a))", "return 1 / 1 + np.exp(-a)")], ["sigmoid"],
                                    ["1 +", "parenthes", "e^", "exp"]),
    "sigmoid-derivative-output-convention": ([("    s = sigmoid(a)\n    return s * (1 - s)", "    a = np.asarray(a, dtype=float)\n    return a * (1 - a)")],
                                             ["sigmoid_derivative"], ["a(1 − a)", "σ(a)", "output", "1 − a"]),
    "tanh-derivative-sigmoid-form": ([("return 1 - np.tanh(a) ** 2", "t = np.tanh(a)\n    return t * (1 - t)")], ["tanh_derivative"],
                                     ["tanh²", "1 − tanh", "σ"]),
    "relu-loops-over-rows": ([("return np.maximum(a, 0)", "return np.array([max(v, 0) for v in a])")], ["relu"],
                             ["elementwise", "row", "array", "2-D"]),
    "relu-derivative-bool-cast": ([("return (np.asarray(a) > 0).astype(float)", "return np.asarray(a).astype(bool).astype(float)")],
                                  ["relu_derivative"], ["a < 0", "negative", "≠ 0"]),
    "softmax-transpose-not-undone": ([("return e / np.sum(e, axis=1, keepdims=True)", "return e.T / np.sum(e, axis=1)")], ["softmax"],
                                     ["transpose", "shape", "(n, K)", "column"]),
    "ce-log-of-batch-sum": ([(CE, "return -np.log(np.sum(Y * F)) / F.shape[0]")], ["cross_entropy"],
                            ["log of the sum", "sum of the log", "each row", "per row"]),
    "ce-log1p": ([("logF = np.log(np.where(Y > 0, F, 1.0))", "logF = np.log1p(np.where(Y > 0, F, 0.0))")], ["cross_entropy"],
                 ["log(1 + F)", "log1p", "log"]),
    "ce-averaged-twice": ([(CE, "return -np.mean(np.sum(Y * logF, axis=1)) / F.shape[0]")], ["cross_entropy"], ["1/n", "n²", "twice"]),
    "se-precedence-times-n": ([(SE, "return np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / 2 * len(F)")], ["squared_error"],
                              ["n ×", "n²", "1/n", "times n"]),
    "forward-cache-z-extra-entry": ([("        if h < len(params) - 1:\n            Z = ACT[activation](A)\n            Zs.append(Z)",
                                      "        if h < len(params) - 1:\n            Z = ACT[activation](A)\n        Zs.append(Z)")], ["forward"],
                                    ["one entry more", "Z^(", "cache"]),
    "forward-x-every-layer": ([("A = np.dot(Z, W.T) + b", "A = np.dot(X, W.T) + b")], ["forward"], ["X", "Z^(", "previous layer"]),
    "forward-bias-column": ([("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W.T) + b[:, None]")], ["forward"], ["b^(", "broadcast", "column", "row"]),
    "forward-last-hidden-linear": ([("        if h < len(params) - 1:\n", "        if h < len(params) - 2:\n")], ["forward"],
                                   ["Z^(", "activation", "layer", "one entry fewer"]),
    "output-delta-batch-mean": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return np.mean(np.asarray(F) - np.asarray(Y), axis=0)"))],
                                ["output_delta"], ["one row", "mean", "(n, K)", "shape"]),
    "output-delta-dl-df": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return -np.asarray(Y) / np.asarray(F)"))],
                           ["output_delta"], ["∂ℓ/∂F", "−Y/F", "Y/F", "softmax"]),
    "hidden-delta-mask-before-dot": ([(HD, "return np.dot(DER[activation](A) * delta_next, W_next)")], ["hidden_delta"],
                                     ["σ'(A)", "broadcast", "Δ^(", "mask"]),
    "der-table-tanh-copy-paste": ([(DER_LINE, DER_LINE.replace('"tanh": tanh_derivative', '"tanh": sigmoid_derivative'))], ["hidden_delta"],
                                  ["tanh", "activation", "σ'"]),
    "backward-stops-before-first-layer": ([("range(len(params) - 2, -1, -1)", "range(len(params) - 2, 0, -1)")], ["backward"],
                                          ["Δ^(1)", "one entry fewer", "first layer", "layer"]),
    "backward-a-index-off-by-one": ([('hidden_delta(cache["A"][h],', 'hidden_delta(cache["A"][h + 1],')], ["backward"], ["A^(", "layer", "index"]),
    "db-keepdims": ([("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=0, keepdims=True) / n")], ["gradients"],
                    ["shape", "(1,", "db^(", "keepdims"]),
    "dw-floor-division": ([(DW, "dW = np.dot(D.T, Z) // n + lam * W")], ["gradients"], ["//", "floor", "round", "integer"]),
    "gradients-z-shifted": ([('zip(params, deltas, cache["Z"])', 'zip(params, deltas, cache["Z"][1:])')], ["gradients"],
                            ["Z^(", "layer", "previous", "one entry fewer"]),
    "update-list-aliased": ([("    new = []\n    for (W, b), (dW, db) in zip(params, grads):\n        new.append((W - eta * dW, b - eta * db))\n"
                              "    return new",
                              "    new = params\n    for i, ((W, b), (dW, db)) in enumerate(zip(params, grads)):\n"
                              "        new[i] = (W - eta * dW, b - eta * db)\n    return new")], ["gd_update"],
                            ["in place", "changed by the call", "copy"]),
    "update-grads-reversed": ([("zip(params, grads)", "zip(params, reversed(grads))")], ["gd_update"], ["order", "layer", "reversed"]),
    "train-l2-on-biases": ([(L2_LOSS, "return data + lam / 2 * sum(np.sum(W ** 2) + np.sum(b ** 2) for W, b in params)")], ["train"],
                           ["b^(", "bias", "λ"]),
    "train-l2-norm-not-squared": ([(L2_LOSS, "return data + lam / 2 * sum(np.linalg.norm(W) for W, _ in params)")], ["train"],
                                  ["‖W‖²", "square", "norm"]),
    "train-loss-always-squared-error": ([('data = cross_entropy(F, Y) if task == "classification" else squared_error(F, Y)',
                                          "data = squared_error(F, Y)")], ["train"],
                                        ["task", "squared error", "cross-entropy", "classification"]),
}

# A ninth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or its feedback beyond the README's examples), adapted from how public course
# code goes wrong and unlike the kinds above: math.exp for np.exp, the argument clipped to ±10
# against overflow, σ(1 − a) for 1 − σ(a), e^−a/(1 + e^−a)² (right on paper, nan for large |a|),
# tanh(a²) for tanh(a)², zeros of len(a) in np.maximum, a derivative flattened by a loop over
# np.ravel, a for-loop that rebinds its row (A returned unchanged), log-sum-exp without its max,
# @ for ∘, (n, 1) − (n,) broadcast to (n, n), chained assignment aliasing the cache's lists, the
# bias inside the product's parentheses, (b, W) unpacked for (W, b), one-hot labels cast to int,
# the tutorial's factor 2 carried over, Coursera's bias column dropped from W, the recursion run
# from the first layer up, b for W by a tuple index, λ·sign(W) (L1) for λW, the outer product of
# the batch sums, Nielsen's separate weights and biases lists, Nielsen's η/len, the L2 term
# computed once before training, an early stop nobody asked for. Run once at the end; not
# changed after.
HELDOUT9 = {
    "sigmoid-math-exp": ([("import numpy as np", "import math\nimport numpy as np"),
                          ("return np.exp(-np.logaddexp(0.0, -a))", "return 1 / (1 + math.exp(-a))")], ["sigmoid"],
                         ["math", "array", "elementwise", "scalar"]),
    "sigmoid-clipped-input": ([("return np.exp(-np.logaddexp(0.0, -a))", "a = np.clip(a, -10, 10)\n    return 1 / (1 + np.exp(-a))")],
                              ["sigmoid"], ["clip", "10", "large |a|", "saturat"]),
    "sigmoid-derivative-sigma-of-one-minus-a": ([("return s * (1 - s)", "return s * sigmoid(1 - a)")], ["sigmoid_derivative"],
                                                ["σ(1 − a)", "1 − σ(a)", "σ(−a)"]),
    # Costs nothing (checked on points only, before the run): no case of sigmoid_derivative has an
    # argument large enough (a ≲ −710) for e^−a to overflow — a gap in the cases, a finding.
    "sigmoid-derivative-unstable-formula": ([("    s = sigmoid(a)\n    return s * (1 - s)",
                                              "    a = np.asarray(a, dtype=float)\n    return np.exp(-a) / (1 + np.exp(-a)) ** 2")],
                                            ["sigmoid_derivative"], ["nan", "overflow", "inf", "large"]),
    "tanh-derivative-square-inside": ([("return 1 - np.tanh(a) ** 2", "return 1 - np.tanh(a ** 2)")], ["tanh_derivative"],
                                      ["tanh(a²)", "tanh(a)²", "tanh²", "square"]),
    "relu-zeros-of-len": ([("return np.maximum(a, 0)", "return np.maximum(a, np.zeros(len(a)))")], ["relu"],
                          ["len", "shape", "broadcast", "zeros"]),
    "relu-derivative-flattened": ([("return (np.asarray(a) > 0).astype(float)", "return np.array([1.0 if v > 0 else 0.0 for v in np.ravel(a)])")],
                                  ["relu_derivative"], ["shape", "flat", "ravel", "(n, M"]),
    "softmax-loop-rebinds-row": ([("    A = np.asarray(A, dtype=float)\n    shifted = A - np.max(A, axis=1, keepdims=True)\n    e = np.exp(shifted)\n"
                                   "    return e / np.sum(e, axis=1, keepdims=True)",
                                   "    A = np.array(A, dtype=float)\n    for row in A:\n        row = np.exp(row - np.max(row))\n"
                                   "        row = row / np.sum(row)\n    return A")], ["softmax"], ["unchanged", "input", "A itself"]),
    "softmax-logsumexp-without-max": ([("    shifted = A - np.max(A, axis=1, keepdims=True)\n    e = np.exp(shifted)\n"
                                        "    return e / np.sum(e, axis=1, keepdims=True)",
                                        "    m = np.max(A, axis=1, keepdims=True)\n    lse = np.log(np.sum(np.exp(A - m), axis=1, keepdims=True))\n"
                                        "    return np.exp(A - lse)")], ["softmax"], ["max", "e^", "log-sum-exp", "sum to 1"]),
    "ce-matmul-for-elementwise": ([(CE, "return -np.sum(Y @ logF.T) / F.shape[0]")], ["cross_entropy"],
                                  ["@", "matrix product", "elementwise", "every pair"]),
    "se-ravel-broadcast-pairs": ([(SE, "return 0.5 * np.sum((np.asarray(F) - np.asarray(Y).ravel()) ** 2) / len(F)")], ["squared_error"],
                                 ["broadcast", "(n, n)", "ravel", "shape"]),
    "forward-cache-lists-aliased": ([("As, Zs = [], [Z]", "As = Zs = [Z]")], ["forward"], ["same list", "cache", "alias"]),
    "forward-bias-inside-dot": ([("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W.T + b)")], ["forward"], ["b^(", "bias", "parenthes"]),
    "forward-unpacks-b-w": ([("for h, (W, b) in enumerate(params):", "for h, (b, W) in enumerate(params):")], ["forward"],
                            ["(W, b)", "order", "b^(", "W^("]),
    "output-delta-labels-int": ([(OD, OD.replace("np.asarray(Y)", "np.asarray(Y, dtype=int)"))], ["output_delta"],
                                ["int", "integer", "truncat", "round"]),
    "output-delta-tutorial-factor-2": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return 2 * (np.asarray(F) - np.asarray(Y))"))],
                                       ["output_delta"], ["2 ×", "factor 2", "twice", "½"]),
    "hidden-delta-drops-first-column": ([(HD, "return DER[activation](A) * np.dot(delta_next, W_next[:, 1:])")], ["hidden_delta"],
                                        ["column", "bias", "shape", "W_next"]),
    "backward-loop-ascending": ([("range(len(params) - 2, -1, -1)", "range(len(params) - 1)")], ["backward"],
                                ["order", "backwards", "reverse", "layer"]),
    "backward-b-for-w": ([("params[h + 1][0]", "params[h + 1][1]")], ["backward"], ["b^(", "W^(", "index", "W_next"]),
    "l2-as-l1": ([(DW, "dW = np.dot(D.T, Z) / n + lam * np.sign(W)")], ["gradients"], ["sign", "L1", "λW", "λ"]),
    "dw-outer-of-sums": ([(DW, "dW = np.outer(np.sum(D, axis=0), np.sum(Z, axis=0)) / n + lam * W")], ["gradients"],
                         ["outer", "sum", "per example", "product of the sums"]),
    "update-returns-two-lists": ([("    new = []\n    for (W, b), (dW, db) in zip(params, grads):\n        new.append((W - eta * dW, b - eta * db))\n"
                                   "    return new",
                                   "    weights = [W - eta * dW for (W, _), (dW, _) in zip(params, grads)]\n"
                                   "    biases = [b - eta * db for (_, b), (_, db) in zip(params, grads)]\n    return weights, biases")],
                                 ["gd_update"], ["pair", "(W, b)", "two lists", "layout"]),
    "update-nielsen-eta-over-len": ([(UP, "new.append((W - eta / len(grads) * dW, b - eta / len(grads) * db))")], ["gd_update"],
                                    ["η/D", "η", "number of layers"]),
    "train-l2-term-computed-once": ([("    losses = [loss_of(params, X, Y, activation, task, lam)]\n" + TRAIN_LOOP,
                                      "    reg = lam / 2 * sum(np.sum(W ** 2) for W, _ in params)\n"
                                      "    losses = [loss_of(params, X, Y, activation, task, 0.0) + reg]\n    for _ in range(epochs):\n"
                                      "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"
                                      "        losses.append(loss_of(params, X, Y, activation, task, 0.0) + reg)\n    return params, losses")],
                                    ["train"], ["λ", "‖W‖²", "initial", "before training"]),
    # Costs nothing (checked on points only, before the run): no case's losses settle within 1e-4
    # per epoch before the last epoch — a gap in the cases, a finding.
    "train-early-stop": ([(TRAIN_LOOP, TRAIN_LOOP.replace("        losses.append(loss_of(params, X, Y, activation, task, lam))\n",
                                                          "        losses.append(loss_of(params, X, Y, activation, task, lam))\n"
                                                          "        if abs(losses[-1] - losses[-2]) < 1e-4:\n            break\n"))],
                         ["train"], ["stop", "fewer", "entries", "break"]),
}

# A tenth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course code goes wrong and
# unlike the kinds above: the stable piecewise σ with its branches exchanged, σ'' for σ', the
# finite differences of np.gradient for tanh', tanh' from the σ identity without the chain
# factor, float16, a ReLU mask from the batch mean, a shift by the row mean, a hard argmax for
# softmax, label smoothing, the log forgotten, np.var for the mean square, params[0] in every
# layer, X standardised inside forward, the softmax Jacobian applied on top of F − Y, the
# column-per-example convention, a pseudo-inverse for the transpose, σ' applied to the output
# delta, λ·ΣW for λW, A^(h−1) for Z^(h−1) in dW, a shallow copy of params, the L2 penalty of
# the last layer only, a running average of the losses, losses logged every 10th epoch.
# Checked on points only before the lead's single run; not changed after.
HELDOUT10 = {
    "sigmoid-stable-branches-exchanged": ([("return np.exp(-np.logaddexp(0.0, -a))",
                                            "return np.where(a >= 0, np.exp(a) / (1 + np.exp(a)), 1 / (1 + np.exp(-a)))")],
                                          ["sigmoid"], ["nan", "overflow", "large a", "inf"]),
    "sigmoid-derivative-second-derivative": ([("return s * (1 - s)", "return s * (1 - s) * (1 - 2 * s)")], ["sigmoid_derivative"],
                                             ["second derivative", "σ(1 − σ)", "1 − 2σ", "σ'"]),
    "tanh-derivative-np-gradient": ([("return 1 - np.tanh(a) ** 2", "return np.gradient(np.tanh(a))")], ["tanh_derivative"],
                                    ["np.gradient", "neighbour", "finite difference", "1 − tanh²"]),
    "tanh-derivative-identity-chain-factor": ([("return 1 - np.tanh(a) ** 2", "return 2 * sigmoid_derivative(2 * a)")], ["tanh_derivative"],
                                              ["½", "factor", "2 ×", "4σ'"]),
    "relu-float16": ([("return np.maximum(a, 0)", "return np.maximum(np.asarray(a, dtype=np.float16), 0)")], ["relu"],
                     ["float16", "precision", "digits", "round"]),
    "relu-derivative-batch-mean-mask": ([("return (np.asarray(a) > 0).astype(float)", "return (np.mean(np.asarray(a), axis=0) > 0).astype(float)")],
                                        ["relu_derivative"], ["each example", "per example", "mean", "elementwise"]),
    "softmax-row-mean-shift": ([("A - np.max(A, axis=1, keepdims=True)", "A - np.mean(A, axis=1, keepdims=True)")], ["softmax"],
                               ["max", "overflow", "nan", "mean"]),
    "softmax-hard-argmax": ([("    shifted = A - np.max(A, axis=1, keepdims=True)\n    e = np.exp(shifted)\n    return e / np.sum(e, axis=1, keepdims=True)",
                              "    return np.eye(A.shape[1])[np.argmax(A, axis=1)]")], ["softmax"],
                            ["argmax", "one-hot", "exp", "probabilit"]),
    "ce-label-smoothing": ([("    logF = np.log(np.where(Y > 0, F, 1.0))", "    Y = 0.9 * Y + 0.1 / Y.shape[1]\n    logF = np.log(np.where(Y > 0, F, 1.0))")],
                           ["cross_entropy"], ["smooth", "Y", "one-hot", "0.9"]),
    "ce-log-forgotten": ([(CE, "return -np.sum(Y * F) / F.shape[0]")], ["cross_entropy"], ["log", "log F"]),
    "se-variance": ([(SE, "return 0.5 * np.sum(np.var(np.asarray(F) - np.asarray(Y), axis=0))")], ["squared_error"],
                    ["mean", "variance", "np.var", "F − Y"]),
    "forward-first-layer-every-time": ([("for h, (W, b) in enumerate(params):", "for h in range(len(params)):\n        W, b = params[0]")],
                                       ["forward"], ["W^(", "layer", "params[0]", "every layer"]),
    "forward-standardises-x": ([("    Z = np.asarray(X, dtype=float)\n", "    Z = np.asarray(X, dtype=float)\n    Z = (Z - Z.mean(axis=0)) / Z.std(axis=0)\n")],
                               ["forward"], ["X", "Z^(0)", "standardis", "normalis"]),
    "output-delta-softmax-jacobian-on-top": ([(OD, "def output_delta(F, Y):\n    F = np.asarray(F, dtype=float)\n    R = F - np.asarray(Y)\n"
                                                   "    return F * R - F * np.sum(F * R, axis=1, keepdims=True)")], ["output_delta"],
                                             ["softmax", "Jacobian", "F − Y", "twice"]),
    "hidden-delta-column-convention": ([(HD, "return DER[activation](A).T * np.dot(W_next.T, delta_next.T)")], ["hidden_delta"],
                                       ["transpose", "shape", "(n, M", "column"]),
    "hidden-delta-pseudo-inverse": ([(HD, "return DER[activation](A) * np.dot(delta_next, np.linalg.pinv(W_next).T)")], ["hidden_delta"],
                                    ["transpose", "inverse", "pinv", "W_next"]),
    "backward-sigma-prime-on-output": ([('deltas = [output_delta(cache["F"], Y)]',
                                         'deltas = [output_delta(cache["F"], Y) * DER[activation](cache["A"][-1])]')], ["backward"],
                                       ["Δ^(D)", "output", "σ'", "F − Y"]),
    "l2-sum-of-w": ([(DW, "dW = np.dot(D.T, Z) / n + lam * np.sum(W)")], ["gradients"], ["λW", "λ", "sum", "every entry"]),
    "dw-uses-a-not-z": ([('zip(params, deltas, cache["Z"])', 'zip(params, deltas, [cache["Z"][0]] + cache["A"][:-1])')], ["gradients"],
                        ["A^(", "Z^(", "activation", "σ(A"]),
    "update-shallow-copy": ([("    new = []\n    for (W, b), (dW, db) in zip(params, grads):\n        new.append((W - eta * dW, b - eta * db))\n"
                              "    return new",
                              "    new = [list(p) for p in params]\n    for layer, (dW, db) in zip(new, grads):\n"
                              "        layer[0] -= eta * dW\n        layer[1] -= eta * db\n    return [tuple(layer) for layer in new]")],
                            ["gd_update"], ["in place", "changed by the call", "copy", "deep"]),
    "train-l2-last-layer-only": ([(L2_LOSS, "return data + lam / 2 * np.sum(params[-1][0] ** 2)")], ["train"],
                                 ["every weight matrix", "W^(", "λ", "layer"]),
    "train-running-average-of-losses": ([("        losses.append(loss_of(params, X, Y, activation, task, lam))",
                                          "        losses.append((sum(losses) + loss_of(params, X, Y, activation, task, lam)) / (len(losses) + 1))")],
                                        ["train"], ["running", "average", "mean", "smooth"]),
    "train-logs-every-10th-epoch": ([(TRAIN_LOOP, "    for epoch in range(epochs):\n"
                                                  "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"
                                                  "        if epoch % 10 == 0:\n"
                                                  "            losses.append(loss_of(params, X, Y, activation, task, lam))\n"
                                                  "    return params, losses")], ["train"],
                                    ["entries", "fewer", "every epoch", "len(losses)"]),
}

# An eleventh held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course and notebook code goes
# wrong and unlike the kinds above: a sign lost in the stable σ (1/σ), a local variable shadowing
# sigmoid (UnboundLocalError), a helper name never defined (tanh for np.tanh), boolean indexing
# taken for a mask, a CS231n-style mask cached by relu and returned by relu_derivative whatever
# its argument, a row loop bounded by the number of columns, F[:, y] for F[range(n), y], print
# for return, the first output column only, a misspelt task string, regression targets one-hot
# encoded again, a misspelt key of the derivative table, the (W, b) pair passed for W, a range
# without its step −1, a layer number used as a position in a list grown by insert(0), a list
# multiplied into aliases ([[…]] * D), a non-zero default λ, a missing return, db typed as dW,
# np.append's result dropped, gradients never zeroed between epochs, the "before training" loss
# computed after training. Checked on points only before the lead's single run; not changed after.
HELDOUT11 = {
    "sigmoid-reciprocal": ([("return np.exp(-np.logaddexp(0.0, -a))", "return np.exp(np.logaddexp(0.0, -a))")], ["sigmoid"],
                           ["1/σ", "reciprocal", "1 + e^−a", "sign"]),
    "sigmoid-derivative-shadows-sigmoid": ([("    s = sigmoid(a)\n    return s * (1 - s)", "    sigmoid = sigmoid(a)\n    return sigmoid * (1 - sigmoid)")],
                                           ["sigmoid_derivative"], ["UnboundLocalError", "sigmoid", "name", "shadow"]),
    "tanh-derivative-undefined-helper": ([("return 1 - np.tanh(a) ** 2", "return 1 - tanh(a) ** 2")], ["tanh_derivative"],
                                         ["tanh", "defined", "NameError", "np.tanh"]),
    "relu-boolean-index": ([("return np.maximum(a, 0)", "a = np.asarray(a)\n    return a[a > 0]")], ["relu"],
                           ["shape", "entries", "mask", "a ≤ 0", "fewer"]),
    "relu-derivative-cached-mask": ([("def relu(a):\n    return np.maximum(a, 0)",
                                      "def relu(a):\n    relu.mask = (np.asarray(a) > 0).astype(float)\n    return np.maximum(a, 0)"),
                                     ("return (np.asarray(a) > 0).astype(float)", "return relu.mask")], ["relu_derivative"],
                                    ["argument", "when A changes", "last call", "stale", "cache"]),
    "softmax-row-loop-over-columns": ([("    e = np.exp(shifted)\n    return e / np.sum(e, axis=1, keepdims=True)",
                                        "    e = np.exp(shifted)\n    for i in range(A.shape[1]):\n        e[i] = e[i] / np.sum(e[i])\n    return e")],
                                      ["softmax"], ["row", "range", "shape[0]", "every row", "sum to 1"]),
    "ce-fancy-index-every-pair": ([(CE, "labels = np.argmax(Y, axis=1)\n    return -np.sum(np.log(F[:, labels])) / F.shape[0]")], ["cross_entropy"],
                                  ["every pair", "F[:, y]", "np.arange", "each row", "row"]),
    "se-printed": ([(SE, "print(0.5 * np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / len(F))")], ["squared_error"], ["print", "return", "None"]),
    "se-first-column-only": ([(SE, "return 0.5 * np.sum((np.asarray(F)[:, 0] - np.asarray(Y)[:, 0]) ** 2) / len(F)")], ["squared_error"],
                             ["first column", "K", "every output", "column"]),
    "forward-task-misspelt": ([(FWD_F, 'F = softmax(As[-1]) if task == "clasification" else As[-1]')], ["forward"],
                              ["task", "classification", "softmax", "spelling"]),
    "output-delta-one-hot-again": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)",
                                                    "F = np.asarray(F)\n    Y = np.eye(F.shape[1])[np.argmax(np.asarray(Y), axis=1)]\n    return F - Y"))],
                                   ["output_delta"], ["one-hot", "regression", "Y", "argmax"]),
    "hidden-delta-der-key-misspelt": ([(DER_LINE, DER_LINE.replace('"tanh": tanh_derivative', '"tahn": tanh_derivative'))], ["hidden_delta"],
                                      ["tanh", "KeyError", "key", "activation"]),
    "backward-passes-the-pair": ([("params[h + 1][0]", "params[h + 1]")], ["backward"], ["(W, b)", "pair", "W^(", "W_next", "[0]"]),
    "backward-range-without-step": ([("range(len(params) - 2, -1, -1)", "range(len(params) - 2, -1)")], ["backward"],
                                    ["range", "step", "−1", "Δ^(1)", "fewer"]),
    "backward-layer-number-as-position": ([("params[h + 1][0], deltas[0], activation)", "params[h + 1][0], deltas[h + 1], activation)")],
                                          ["backward"], ["index", "deltas[0]", "Δ^(h+1)", "insert"]),
    "gradients-list-multiplied-aliases": ([("    grads = []\n    for (W, b), D, Z in zip(params, deltas, cache[\"Z\"]):\n"
                                            "        " + DW + "\n        db = np.sum(D, axis=0) / n\n        grads.append((dW, db))\n    return grads",
                                            "    grads = [[None, None]] * len(params)\n"
                                            "    for h, ((W, b), D, Z) in enumerate(zip(params, deltas, cache[\"Z\"])):\n"
                                            "        grads[h][0] = np.dot(D.T, Z) / n + lam * W\n        grads[h][1] = np.sum(D, axis=0) / n\n"
                                            "    return grads")], ["gradients"], ["same list", "alias", "every layer", "last layer", "copies"]),
    # Costs nothing (checked on points only, before the run): every case of gradients passes λ
    # positionally, so the default (0.01 here, 0.0 in the spec) is never used — a gap in the cases, a finding.
    "gradients-default-lam": ([("def gradients(params, X, Y, activation, task, lam=0.0):", "def gradients(params, X, Y, activation, task, lam=0.01):")],
                              ["gradients"], ["λ", "default", "0.01", "lam"]),
    "update-no-return": ([("        " + UP + "\n    return new", "        " + UP)], ["gd_update"], ["None", "return"]),
    "update-b-with-dw": ([(UP, "new.append((W - eta * dW, b - eta * dW))")], ["gd_update"], ["db^(", "dW^(", "b^(", "shape"]),
    "train-np-append-dropped": ([("    losses = [loss_of(params, X, Y, activation, task, lam)]\n" + TRAIN_LOOP,
                                  "    losses = np.array([loss_of(params, X, Y, activation, task, lam)])\n" + TRAIN_LOOP.replace(
                                      "        losses.append(loss_of(params, X, Y, activation, task, lam))",
                                      "        np.append(losses, loss_of(params, X, Y, activation, task, lam))"))], ["train"],
                                ["np.append", "one entry", "entries", "fewer", "len(losses)"]),
    "train-gradients-never-zeroed": ([(TRAIN_LOOP, "    acc = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]\n"
                                                   "    for _ in range(epochs):\n        g = gradients(params, X, Y, activation, task, lam)\n"
                                                   "        acc = [(aW + dW, ab + db) for (aW, ab), (dW, db) in zip(acc, g)]\n"
                                                   "        params = gd_update(params, acc, eta)\n"
                                                   "        losses.append(loss_of(params, X, Y, activation, task, lam))\n    return params, losses")],
                                     ["train"], ["accumulat", "zero", "previous epochs", "sum of the gradients", "reset"]),
    "train-initial-loss-after-training": ([("    losses = [loss_of(params, X, Y, activation, task, lam)]\n" + TRAIN_LOOP,
                                            "    losses = []\n" + TRAIN_LOOP.replace(
                                                "    return params, losses",
                                                "    losses.insert(0, loss_of(params, X, Y, activation, task, lam))\n    return params, losses"))],
                                          ["train"], ["losses[0]", "before training", "initial", "first entry"]),
}

# A twelfth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course and notebook code goes
# wrong and unlike the kinds above: |a| taken for stability, log σ (the stable logaddexp form
# without its exp), tanh' written for σ', σ·1 − σ, cosh² for sech², 1 − a² (micrograd's output
# convention), swish for ReLU, a CS231n-style mask written into the caller's A, the shift by
# the column max, e^(−A), the masked log filled with 0 for 1, F taken for logits (PyTorch's
# convention), a Huber loss, ½ inside the square, the cache's A stored before the bias, the
# output layer sliced off the loop, Δ^(D) transposed, F − Y written into F, * for the matrix
# product, softmax re-applied in backward, forward's arguments exchanged, the data term negated,
# b updated without η, dW transposed in the update, Nielsen's λ/(2n), a learning-rate warm-up.
# Checked on points only before the lead's single run; not changed after.
HELDOUT12 = {
    "sigmoid-abs-for-stability": ([("return np.exp(-np.logaddexp(0.0, -a))", "return 1 / (1 + np.exp(-np.abs(a)))")], ["sigmoid"],
                                  ["a < 0", "negative", "|a|", "abs", "σ(−a)"]),
    "sigmoid-log-sigmoid": ([("return np.exp(-np.logaddexp(0.0, -a))", "return -np.logaddexp(0.0, -a)")], ["sigmoid"],
                            ["log σ", "log", "exp", "logaddexp", "negative"]),
    "sigmoid-derivative-tanh-formula": ([("return s * (1 - s)", "return 1 - s ** 2")], ["sigmoid_derivative"],
                                        ["1 − σ²", "tanh", "σ(1 − σ)", "square"]),
    "sigmoid-derivative-missing-parentheses": ([("return s * (1 - s)", "return s * 1 - s")], ["sigmoid_derivative"],
                                               ["parenthes", "precedence", "zero", "always 0", "σ(1 − σ)"]),
    "tanh-derivative-cosh-squared": ([("return 1 - np.tanh(a) ** 2", "return np.cosh(a) ** 2")], ["tanh_derivative"],
                                     ["cosh", "sech²", "1/cosh²", "reciprocal", "1 − tanh²"]),
    "tanh-derivative-output-convention": ([("return 1 - np.tanh(a) ** 2", "return 1 - np.asarray(a) ** 2")], ["tanh_derivative"],
                                          ["1 − a²", "tanh(a)", "a²", "1 − tanh²", "pre-activation"]),
    "relu-swish": ([("return np.maximum(a, 0)", "return a * sigmoid(a)")], ["relu"], ["swish", "σ", "sigmoid", "a < 0", "max(a, 0)"]),
    "relu-derivative-in-place": ([("return (np.asarray(a) > 0).astype(float)",
                                   "a = np.asarray(a, dtype=float)\n    a[a > 0] = 1.0\n    a[a <= 0] = 0.0\n    return a")],
                                 ["relu_derivative"], ["in place", "changed by the call", "copy", "A itself"]),
    "softmax-shift-column-max": ([("shifted = A - np.max(A, axis=1, keepdims=True)", "shifted = A - np.max(A, axis=0, keepdims=True)")],
                                 ["softmax"], ["axis", "column", "per row", "row", "axis=1"]),
    "softmax-exp-of-minus": ([("e = np.exp(shifted)", "e = np.exp(-shifted)")], ["softmax"],
                             ["sign", "−A", "e^−a", "overflow", "nan", "smallest"]),
    "ce-mask-fill-zero": ([("logF = np.log(np.where(Y > 0, F, 1.0))", "logF = np.log(np.where(Y > 0, F, 0.0))")], ["cross_entropy"],
                          ["nan", "NaN", "log 0", "0·log 0", "1.0"]),
    "ce-treats-f-as-logits": ([("logF = np.log(np.where(Y > 0, F, 1.0))", "logF = np.log(np.where(Y > 0, softmax(F), 1.0))")],
                              ["cross_entropy"], ["logits", "twice", "softmax again", "softmax(F)", "A^("]),
    "se-huber": ([(SE, "R = np.asarray(F) - np.asarray(Y)\n"
                       "    return np.sum(np.where(np.abs(R) < 1, 0.5 * R ** 2, np.abs(R) - 0.5)) / len(F)")], ["squared_error"],
                 ["Huber", "square", "|F − Y|", "large", "linear"]),
    "se-half-inside-square": ([(SE, "return np.sum((0.5 * (np.asarray(F) - np.asarray(Y))) ** 2) / len(F)")], ["squared_error"],
                              ["½", "¼", "factor", "inside the square", "0.25"]),
    "forward-cache-a-without-bias": ([("        A = np.dot(Z, W.T) + b\n        As.append(A)\n",
                                       "        A = np.dot(Z, W.T)\n        As.append(A)\n        A = A + b\n")], ["forward"],
                                     ["b^(", "bias", 'cache["A"]', "A^("]),
    "forward-skips-output-layer": ([("for h, (W, b) in enumerate(params):", "for h, (W, b) in enumerate(params[:-1]):")], ["forward"],
                                   ["output layer", "last layer", "W^(D)", "A^(D)", "shape"]),
    "output-delta-transposed": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "return (np.asarray(F) - np.asarray(Y)).T"))],
                                ["output_delta"], ["transpose", "shape", "(n, K)", "(K, n)"]),
    "output-delta-in-place": ([(OD, OD.replace("return np.asarray(F) - np.asarray(Y)", "F = np.asarray(F)\n    F -= np.asarray(Y)\n    return F"))],
                              ["output_delta"], ["in place", "changed by the call", "copy", "F itself"]),
    "hidden-delta-star-for-dot": ([(HD, "return DER[activation](A) * (delta_next * W_next)")], ["hidden_delta"],
                                  ["dot", "@", "matrix product", "elementwise", "shape", "broadcast"]),
    "backward-recomputes-softmax": ([('deltas = [output_delta(cache["F"], Y)]', 'deltas = [output_delta(softmax(cache["A"][-1]), Y)]')],
                                    ["backward"], ["softmax", "regression", "task", 'cache["F"]', "identity"]),
    "gradients-forward-args-swapped": ([("F, cache = forward(params, X, activation, task)", "F, cache = forward(params, X, task, activation)")],
                                       ["gradients"], ["argument", "order", "KeyError", "activation", "task", "swap"]),
    "gradients-data-term-negated": ([(DW, "dW = -np.dot(D.T, Z) / n + lam * W"), ("db = np.sum(D, axis=0) / n", "db = -np.sum(D, axis=0) / n")],
                                    ["gradients"], ["sign", "−1", "negat", "opposite"]),
    "update-bias-without-eta": ([(UP, "new.append((W - eta * dW, b - db))")], ["gd_update"], ["η", "b^(", "db^(", "learning rate"]),
    "update-dw-transposed": ([(UP, "new.append((W - eta * dW.T, b - eta * db))")], ["gd_update"],
                             ["transpose", "shape", "dW^(", "broadcast", "ᵀ"]),
    "train-l2-nielsen-over-n": ([(L2_LOSS, "return data + lam / (2 * len(X)) * sum(np.sum(W ** 2) for W, _ in params)")], ["train"],
                                ["λ/2", "1/n", "λ/(2n)", "divided by n", "number of examples"]),
    "train-eta-warmup": ([(TRAIN_LOOP, TRAIN_LOOP.replace(
        "    for _ in range(epochs):\n        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)",
        "    for t in range(epochs):\n        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta * min(1.0, (t + 1) / 10))"))],
        ["train"], ["η", "warm", "schedule", "learning rate", "constant"]),
}
