"""Single slips in tutorial_net, beyond the spec's list: textual edits of the student-style CORRECT.

Each entry: id -> (edits, the functions where the slip is made, words of which one must appear
in the feedback of one of those functions for the slip to count as named). ``TUNED`` is what
the general diagnosis was developed against; ``HELDOUT`` was written before the diagnosis was
run on it and not used to tune it (the benchmark reports both). The spec's own list
(``tests.students.tutorial_net.SLIPS``) is counted apart, as the catalogue's home ground.
"""
FWD_Z = "z = theta[0] * x[0] + theta[1] * x[1] + theta[2] * 1"
FWD_Y = "y_hat = theta[3] * h + theta[4] * 1"
DY = "return 2 * (y_hat - y)"
DH = "return delta_yhat(theta, x, y) * theta[3] * relu_derivative(z)"
GRAD = "return np.array([dh * x[0], dh * x[1], dh * 1, dy * h, dy * 1])"
LOOP = "        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)"

TUNED = {
    "output-bias-missing": ([(FWD_Y, "y_hat = theta[3] * h")], ["forward"], ["w4"]),
    "hidden-bias-missing": ([(FWD_Z, "z = theta[0] * x[0] + theta[1] * x[1]")], ["forward"], ["w2"]),
    "relu-missing-in-forward": ([("h = relu(z)", "h = z")], ["forward"], ["z(x)", "z(x) < 0", "z(x) ≤ 0"]),
    "relu-returns-z": ([("return np.maximum(z, 0)", "return z")], ["relu"], ["unchanged"]),
    "relu-derivative-is-relu": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.maximum(z, 0)")],
                                ["relu_derivative"], ["relu(z)"]),
    "delta-yhat-is-the-loss": ([(DY, "return (y_hat - y) ** 2")], ["delta_yhat"], ["L(x, y)"]),
    "delta-yhat-quarter": ([(DY, "return 0.5 * (y_hat - y)")], ["delta_yhat"], ["¼"]),
    "delta-h-w4-for-w3": ([(DH, DH.replace("theta[3]", "theta[4]"))], ["delta_h"], ["w3", "w4"]),
    "delta-h-w3-missing": ([(DH, DH.replace(" * theta[3]", ""))], ["delta_h"], ["w3"]),
    "delta-h-relu-for-mask": ([(DH, DH.replace("relu_derivative(z)", "relu(z)"))], ["delta_h"], ["z(x)"]),
    "grad-w4-uses-delta-h": ([(GRAD, GRAD.replace("dy * 1]", "dh * 1]"))], ["example_gradient"], ["∂L/∂w4"]),
    "grad-all-signs": ([(GRAD, GRAD.replace("return np.array", "return -np.array"))], ["example_gradient"], ["−1", "sign"]),
    "dataset-loss-first-example": ([("return total / len(X)", "return example_loss(theta, X[0], Y[0])")],
                                   ["dataset_loss"], ["the last example"]),
    "dataset-loss-rms": ([("return total / len(X)", "return (total / len(X)) ** 0.5")], ["dataset_loss"], ["square root"]),
    "dataset-gradient-wrong-axis": ([("np.mean(grads, axis=0)", "np.mean(grads, axis=1)")], ["dataset_gradient"], ["axis"]),
    "dataset-gradient-last-example": ([("return np.mean(grads, axis=0)", "return grads[-1]")], ["dataset_gradient"], ["first example"]),
    "gd-step-eta-twice": ([("return theta - eta * grad", "return theta - eta * eta * grad")], ["gd_step"], ["η²", "twice"]),
    "gd-step-returns-the-step": ([("return theta - eta * grad", "return - eta * grad")], ["gd_step"], ["step alone"]),
    "gd-gradient-once": ([(LOOP, "        theta = gd_step(theta, g, eta)"),
                          ("    for _ in range(steps):\n        theta = gd_step(theta, g",
                           "    g = dataset_gradient(theta, X, Y)\n    for _ in range(steps):\n        theta = gd_step(theta, g")],
                         ["gradient_descent"], ["computed once"]),
    "gd-one-step-fewer": ([("for _ in range(steps):", "for _ in range(steps - 1):")], ["gradient_descent"], ["one step fewer"]),
    "gd-eta-squared": ([(LOOP, LOOP.replace("eta)", "eta * eta)"))], ["gradient_descent"], ["η²", "twice"]),
    "loss-half": ([("return (y_hat - y) ** 2", "return 0.5 * (y_hat - y) ** 2")], ["example_loss"], ["½"]),
    "forward-order": ([("return z, h, y_hat", "return h, z, y_hat")], ["forward"], ["h(x)", "z(x)"]),
    "relu-on-output": ([(FWD_Y, "y_hat = relu(theta[3] * h + theta[4] * 1)")], ["forward"], ["clipped", "activation"]),
}

HELDOUT = {
    "hidden-bias-twice": ([(FWD_Z, FWD_Z.replace("theta[2] * 1", "theta[2] * 2"))], ["forward"], ["w2"]),
    "loss-of-z": ([("    z, h, y_hat = forward(theta, x)\n    return (y_hat - y) ** 2", "    z, h, y_hat = forward(theta, x)\n    return (z - y) ** 2")],
                  ["example_loss"], ["w4", "w3"]),
    "delta-yhat-ignores-y": ([(DY, "return 2 * y_hat")], ["delta_yhat"], ["when y changes"]),
    "delta-h-sign": ([(DH, "return -" + DH[len("return "):])], ["delta_h"], ["−1", "sign"]),
    "grad-bias-uses-x0": ([(GRAD, GRAD.replace("dh * 1,", "dh * x[0],"))], ["example_gradient"], ["∂L/∂w2"]),
    "grad-w3-without-h": ([(GRAD, GRAD.replace("dy * h,", "dy,"))], ["example_gradient"], ["∂L/∂w3"]),
    "dataset-loss-n-squared": ([("return total / len(X)", "return total / len(X) ** 2")], ["dataset_loss"], ["1/n"]),
    "dataset-gradient-mean-of-all": ([("np.mean(grads, axis=0)", "np.mean(grads)")], ["dataset_gradient"], ["every entry"]),
    "gd-step-no-eta": ([("return theta - eta * grad", "return theta - grad")], ["gd_step"], ["η"]),
    "gd-one-step-more": ([("for _ in range(steps):", "for _ in range(steps + 1):")], ["gradient_descent"], ["one step more"]),
    "relu-derivative-sign": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.sign(z)")], ["relu_derivative"], ["z < 0"]),
    "output-uses-z": ([(FWD_Y, "y_hat = theta[3] * z + theta[4] * 1")], ["forward"], ["z(x) < 0", "z(x) ≤ 0"]),
}

# A second held-out set, written after the first had been run once (and before this one was).
HELDOUT2 = {
    "hidden-bias-subtracted": ([(FWD_Z, FWD_Z.replace("+ theta[2] * 1", "- theta[2]"))], ["forward"], ["w2"]),
    "loss-times-two-typo": ([("return (y_hat - y) ** 2", "return (y_hat - y) * 2")], ["example_loss"], ["δ_ŷ"]),
    "dataset-loss-hardcoded-n": ([("return total / len(X)", "return total / 2")], ["dataset_loss"], ["n"]),
    "delta-yhat-times-w3": ([(DY, "return 2 * (y_hat - y) * theta[3]")], ["delta_yhat"], ["w3"]),
    "delta-h-mask-of-yhat": ([(DH, DH.replace("relu_derivative(z)", "relu_derivative(y_hat)"))], ["delta_h"], ["ŷ"]),
    "grad-w1-uses-x0": ([(GRAD, GRAD.replace("dh * x[1]", "dh * x[0]"))], ["example_gradient"], ["∂L/∂w1"]),
    "grad-w4-forgotten": ([(GRAD, GRAD.replace(", dy * 1])", "])"))], ["example_gradient"], ["one entry fewer"]),
    "dataset-gradient-over-five": ([("np.mean(grads, axis=0)", "np.sum(grads, axis=0) / len(grads[0])")], ["dataset_gradient"], ["n"]),
    "gd-step-two-eta": ([("return theta - eta * grad", "return theta - 2 * eta * grad")], ["gd_step"], ["η·grad"]),
    "gd-losses-before-the-step": ([(LOOP + "\n        losses.append(dataset_loss(theta, X, Y))",
                                    "        losses.append(dataset_loss(theta, X, Y))\n" + LOOP)], ["gradient_descent"], ["losses"]),
    "relu-abs": ([("return np.maximum(z, 0)", "return np.abs(z)")], ["relu"], ["z < 0"]),
    "relu-derivative-minus-one": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.where(np.asarray(z) > 0, 1.0, -1.0)")],
                                  ["relu_derivative"], ["z ≤ 0"]),
}

# A third held-out set, written after the second had been used for tuning (and before this one was run).
HELDOUT3 = {
    "h-times-w3": ([("h = relu(z)", "h = relu(z) * theta[3]")], ["forward"], ["w3"]),
    "delta-yhat-of-h": ([(DY, "return 2 * (h - y)")], ["delta_yhat"], ["w4", "w3"]),
    "delta-h-w3-squared": ([(DH, DH.replace("* theta[3] *", "* theta[3] ** 2 *"))], ["delta_h"], ["w3"]),
    "grad-skips-delta-h": ([(GRAD, GRAD.replace("dh * x[0], dh * x[1], dh * 1", "dy * x[0], dy * x[1], dy * 1"))],
                           ["example_gradient"], ["w3", "z(x)"]),
    "dataset-loss-list": ([("return total / len(X)", "return [example_loss(theta, x, y) for x, y in zip(X, Y)]")],
                          ["dataset_loss"], ["one axis"]),
    "dataset-gradient-doubled": ([("np.mean(grads, axis=0)", "np.mean(grads, axis=0) * 2")], ["dataset_gradient"], ["2 ×"]),
    "gd-step-times-five": ([("return theta - eta * grad", "return theta - eta * grad * len(theta)")], ["gd_step"], ["η·grad"]),
    "gd-losses-last-missing": ([("return theta, losses", "return theta, losses[:-1]")], ["gradient_descent"], ["one entry fewer"]),
    "gd-first-example-only": ([(LOOP, LOOP.replace("dataset_gradient(theta, X, Y)", "example_gradient(theta, X[0], Y[0])"))],
                              ["gradient_descent"], ["example"]),
    "relu-clip-at-one": ([("return np.maximum(z, 0)", "return np.clip(z, 0, 1)")], ["relu"], ["1"]),
    "relu-derivative-half-at-zero": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.heaviside(z, 0.5)")], ["relu_derivative"], ["z = 0"]),
}

# A fourth held-out set, written before any tuning of this round (adapted from how public course
# code goes wrong: swapped inputs, a bias-first θ, accumulators reset or seeded, loops one short,
# a chain rule applied too early or with a factor forgotten, entries in backprop order, a slice
# one short, a loop that never reassigns θ, per-example (SGD) steps). Run once, then left alone.
HELDOUT4 = {
    "forward-x-swapped": ([(FWD_Z, "z = theta[0] * x[1] + theta[1] * x[0] + theta[2] * 1")], ["forward"],
                          ["x[0]", "x[1]", "swap", "exchang"]),
    "forward-bias-first": ([(FWD_Z, "z = theta[1] * x[0] + theta[2] * x[1] + theta[0]")], ["forward"], ["w0", "w1", "w2", "bias"]),
    "loss-difference-of-squares": ([("return (y_hat - y) ** 2", "return y_hat ** 2 - y ** 2")], ["example_loss"],
                                   ["square", "(ŷ − y)²"]),
    "dataset-loss-reset-in-loop": ([("    for x, y in zip(X, Y):\n        total += example_loss",
                                     "    for x, y in zip(X, Y):\n        total = 0.0\n        total += example_loss")],
                                   ["dataset_loss"], ["last example"]),
    "dataset-loss-skips-last": ([("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                  "    for i in range(len(X) - 1):\n        total += example_loss(theta, X[i], Y[i])")],
                                ["dataset_loss"], ["last example", "n − 1", "one example"]),
    "delta-yhat-times-h": ([(DY, "return 2 * (y_hat - y) * h")], ["delta_yhat"], ["h(x)", "∂L/∂w3"]),
    "delta-h-no-upstream": ([(DH, "return theta[3] * relu_derivative(z)")], ["delta_h"], ["δ_ŷ", "when y changes"]),
    "delta-yhat-recomputed-without-bias": ([(DY, "return 2 * (theta[3] * h - y)")], ["delta_yhat"], ["w4"]),
    "grad-backprop-order": ([(GRAD, "return np.array([dy * h, dy * 1, dh * x[0], dh * x[1], dh * 1])")], ["example_gradient"],
                            ["order", "another part"]),
    "dataset-gradient-first-twice": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                       "    total = example_gradient(theta, X[0], Y[0])\n    for x, y in zip(X, Y):\n"
                                       "        total = total + example_gradient(theta, x, y)\n    return total / len(X)")],
                                     ["dataset_gradient"], ["first example", "twice"]),
    "gd-step-slice-off-by-one": ([("return theta - eta * grad", "new = np.array(theta, dtype=float)\n    new[:4] = new[:4] - eta * grad[:4]\n"
                                   "    return new")], ["gd_step"], ["w4"]),
    "gd-no-reassign": ([(LOOP + "\n        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                         "        new_theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)\n"
                         "        losses.append(dataset_loss(new_theta, X, Y))\n    return new_theta, losses")],
                       ["gradient_descent"], ["one step", "steps"]),
    "gd-per-example-updates": ([(LOOP, "        for x, y in zip(X, Y):\n            theta = gd_step(theta, example_gradient(theta, x, y), eta)")],
                               ["gradient_descent"], ["example"]),
    "relu-minimum": ([("return np.maximum(z, 0)", "return np.minimum(z, 0)")], ["relu"], ["z > 0", "z < 0", "z ≤ 0", "z ≥ 0"]),
    "relu-derivative-is-sigmoid": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))")],
                                   ["relu_derivative"], ["σ"]),
}

# A fifth held-out set, written after HELDOUT4 had been run once and the diagnosis tuned on TUNED
# … HELDOUT3 (never on HELDOUT4's feedback), before this one was run: scalar-only code, a bias
# multiplied by the wrong thing, a tuple index one off, a nested loop over every (x, y) pair, a mask
# one layer too far, + for ∘, a copied gradient entry, the gradient at the mean example, θ and grad
# exchanged, a dedented append, the result's parts exchanged, θ updated in place by the loop.
HELDOUT5 = {
    "relu-if-else": ([("return np.maximum(z, 0)", "return z if z > 0 else 0")], ["relu"], ["elementwise", "array"]),
    "forward-bias-times-h": ([(FWD_Y, "y_hat = theta[3] * h + theta[4] * h")], ["forward"], ["w4"]),
    "forward-bias-times-x1": ([(FWD_Z, "z = theta[0] * x[0] + theta[1] * x[1] + theta[2] * x[1]")], ["forward"], ["w2"]),
    "loss-of-h-by-index": ([("    z, h, y_hat = forward(theta, x)\n    return (y_hat - y) ** 2",
                             "    y_hat = forward(theta, x)[1]\n    return (y_hat - y) ** 2")], ["example_loss"], ["h(x)", "w3", "w4"]),
    "dataset-loss-every-pair": ([("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                  "    for x in X:\n        for y in Y:\n            total += example_loss(theta, x, y)")],
                                ["dataset_loss"], ["pair"]),
    "delta-yhat-masked": ([(DY, "return 2 * (y_hat - y) * relu_derivative(z)")], ["delta_yhat"], ["z(x)", "mask", "relu"]),
    "delta-h-plus-mask": ([(DH, "return delta_yhat(theta, x, y) * theta[3] + relu_derivative(z)")], ["delta_h"],
                          ["g'(z)", "mask", "relu_derivative"]),
    "grad-w4-copies-w3": ([(GRAD, GRAD.replace("dy * h, dy * 1]", "dy * h, dy * h]"))], ["example_gradient"], ["∂L/∂w4"]),
    "dataset-gradient-of-mean-example": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                           "    return example_gradient(theta, np.mean(X, axis=0), np.mean(Y))")],
                                         ["dataset_gradient"], ["example"]),
    "gd-step-roles-swapped": ([("return theta - eta * grad", "return grad - eta * theta")], ["gd_step"], ["grad", "θ"]),
    "gd-loss-append-dedented": ([(LOOP + "\n        losses.append(dataset_loss(theta, X, Y))", LOOP + "\n    losses.append(dataset_loss(theta, X, Y))")],
                                ["gradient_descent"], ["entries", "fewer"]),
    "gd-returns-swapped": ([("return theta, losses", "return losses, theta")], ["gradient_descent"], ["order", "swap", "exchang", "another part"]),
    "gd-in-place": ([(LOOP, "        theta -= eta * dataset_gradient(theta, X, Y)")], ["gradient_descent"], ["changed by the call", "in place"]),
}

# A sixth held-out set, written after the fifth round's tuning (on TUNED … HELDOUT4) and before
# this one was run: (z + |z|) without the ½, a clip for a step, the bias left out of h only, an
# extra bias, n − 1 for n, the first example skipped, parentheses forgotten, a chain rule one
# factor too far, δ_h where δ_ŷ belongs, w3 applied twice, a growing η, θ in the step's product.
HELDOUT6 = {
    "relu-abs-formula-no-half": ([("return np.maximum(z, 0)", "return z + np.abs(z)")], ["relu"], ["2 ×", "2"]),
    "relu-derivative-clip": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.clip(z, 0, 1)")], ["relu_derivative"],
                             ["z > 0", "0 < z", "clip"]),
    "forward-h-without-bias": ([("h = relu(z)", "h = relu(theta[0] * x[0] + theta[1] * x[1])")], ["forward"], ["w2", "h(x)"]),
    "forward-extra-bias": ([(FWD_Y, "y_hat = theta[3] * h + theta[4] * 1 + theta[2]")], ["forward"], ["w2"]),
    "dataset-loss-n-minus-1": ([("return total / len(X)", "return total / (len(X) - 1)")], ["dataset_loss"], ["n − 1", "n/(n − 1)", "n"]),
    "dataset-gradient-skips-first": ([("np.mean(grads, axis=0)", "np.mean(grads[1:], axis=0)")], ["dataset_gradient"],
                                     ["first example"]),
    "delta-yhat-parentheses": ([(DY, "return 2 * y_hat - y")], ["delta_yhat"], ["y", "ŷ"]),
    "delta-h-times-x0": ([(DH, DH + " * x[0]")], ["delta_h"], ["x[0]"]),
    "grad-w3-uses-delta-h": ([(GRAD, GRAD.replace("dy * h,", "dh * h,"))], ["example_gradient"], ["∂L/∂w3"]),
    "grad-delta-h-times-w3-again": ([("    dh = delta_h(theta, x, y)\n", "    dh = delta_h(theta, x, y) * theta[3]\n")],
                                    ["example_gradient"], ["w3"]),
    "gd-eta-grows": ([("    for _ in range(steps):\n        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)",
                       "    for t in range(steps):\n        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta * (t + 1))")],
                     ["gradient_descent"], ["η"]),
    "gd-step-times-theta": ([("return theta - eta * grad", "return theta - eta * grad * theta")], ["gd_step"], ["θ"]),
}

# A seventh held-out set, written after the fifth round and before the sixth round's tuning, before
# its first run: θ sliced one too long against x (shape error), x[2] for the bias input
# (IndexError), relu squared, softplus for relu, z/|z| for the mask, a loop one past n, a gradient
# with four entries, sign(ŷ − y) for ŷ − y, h for the mask, a step divided by η, only the last
# loss returned, the bias added after the activation.
HELDOUT7 = {
    "forward-dot-slice-too-long": ([(FWD_Z, "z = np.dot(theta[0:3], x) + theta[2]")], ["forward"], ["θ", "x", "w2"]),
    "forward-bias-input-x2": ([(FWD_Z, "z = theta[0] * x[0] + theta[1] * x[1] + theta[2] * x[2]")], ["forward"], ["x[2]", "index", "w2"]),
    "relu-squared": ([("return np.maximum(z, 0)", "return np.maximum(z, 0) ** 2")], ["relu"], ["square", "z²"]),
    "relu-softplus": ([("return np.maximum(z, 0)", "return np.log(1 + np.exp(z))")], ["relu"], ["log", "softplus", "exp"]),
    "relu-derivative-z-over-abs": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.asarray(z) / np.abs(z)")],
                                   ["relu_derivative"], ["sign", "−1", "nan"]),
    "dataset-loss-loop-past-n": ([("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                   "    for i in range(len(X) + 1):\n        total += example_loss(theta, X[i], Y[i])")],
                                 ["dataset_loss"], ["n", "index", "past", "range"]),
    "dataset-gradient-index-from-one": ([("[example_gradient(theta, x, y) for x, y in zip(X, Y)]",
                                          "[example_gradient(theta, X[i], Y[i]) for i in range(1, len(X) + 1)]")],
                                        ["dataset_gradient"], ["n", "index", "past", "range"]),
    "grad-w2-forgotten": ([(GRAD, "return np.array([dh * x[0], dh * x[1], dy * h, dy * 1])")], ["example_gradient"],
                          ["∂L/∂w2", "w2", "4", "five"]),
    "delta-yhat-sign": ([(DY, "return 2 * np.sign(y_hat - y)")], ["delta_yhat"], ["sign"]),
    "delta-h-times-h": ([(DH, "return delta_yhat(theta, x, y) * theta[3] * h")], ["delta_h"], ["h(x)", "g'(z)", "relu_derivative"]),
    "gd-step-divides-by-eta": ([("return theta - eta * grad", "return theta - grad / eta")], ["gd_step"], ["η"]),
    "gd-returns-last-loss": ([("return theta, losses", "return theta, losses[-1]")], ["gradient_descent"], ["loss", "list", "last"]),
    "forward-bias-after-relu": ([("h = relu(z)", "h = relu(theta[0] * x[0] + theta[1] * x[1]) + theta[2]")], ["forward"],
                                ["w2", "h(x)"]),
}

# An eighth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or its feedback beyond the README's examples), adapted from how public course
# code goes wrong: floor division (//) where / belongs, relu and its derivative exchanged, a
# np.where with its branches exchanged, a θ index one off, only ŷ returned, ^ for **, the square
# expanded without its y², the square of the mean error, a mean taken inside the loop, δ_ŷ from
# the loss's square root or a forward difference, the mask dropped or written h/z, ∂L/∂x for
# ∂L/∂w, an array shaped like x, labels paired one example off, a pairwise "running mean", θ
# aliased, rounded or the step normalised, a return inside the loop, every step from the initial
# θ, a decaying η. Run once at the end; not changed after.
HELDOUT8 = {
    "relu-floor-division": ([("return np.maximum(z, 0)", "return (np.abs(z) + z) // 2")], ["relu"], ["//", "floor", "round", "integer"]),
    "relu-returns-mask": ([("return np.maximum(z, 0)", "return np.where(np.asarray(z) > 0, 1.0, 0.0)")], ["relu"],
                          ["g'(z)", "relu_derivative", "1 where", "mask"]),
    "relu-derivative-branches-swapped": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.where(np.asarray(z) > 0, 0.0, 1.0)")],
                                         ["relu_derivative"], ["z ≤ 0", "1 − g'", "swap", "exchang"]),
    "forward-hidden-bias-w3": ([(FWD_Z, "z = theta[0] * x[0] + theta[1] * x[1] + theta[3] * 1")], ["forward"], ["w2", "w3"]),
    "forward-returns-yhat-only": ([("return z, h, y_hat", "return y_hat")], ["forward"], ["tuple", "(z, h, y_hat)", "three", "z(x)"]),
    "forward-h-is-mask": ([("h = relu(z)", "h = relu_derivative(z)")], ["forward"], ["g'(z)", "relu_derivative", "h(x)"]),
    "loss-caret-for-power": ([("return (y_hat - y) ** 2", "return (y_hat - y) ^ 2")], ["example_loss"], ["^", "**", "xor", "power"]),
    "loss-drops-y-squared": ([("return (y_hat - y) ** 2", "return y_hat ** 2 - 2 * y_hat * y")], ["example_loss"],
                             ["y²", "constant", "(ŷ − y)²"]),
    "dataset-loss-floor-division": ([("return total / len(X)", "return total // len(X)")], ["dataset_loss"], ["//", "floor", "round", "integer"]),
    "dataset-loss-square-of-mean-error": ([("    total = 0.0\n    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)\n"
                                            "    return total / len(X)",
                                            "    errors = [forward(theta, x)[2] - y for x, y in zip(X, Y)]\n    return np.mean(errors) ** 2")],
                                          ["dataset_loss"], ["square of the mean", "mean of the squares", "(ŷ − y)²"]),
    "dataset-loss-divides-inside-loop": ([("        total += example_loss(theta, x, y)\n    return total / len(X)",
                                           "        total += example_loss(theta, x, y)\n        total /= len(X)\n    return total")],
                                         ["dataset_loss"], ["1/n", "inside the loop", "divided", "weigh"]),
    "delta-yhat-from-loss-sqrt": ([(DY, "return 2 * np.sqrt(example_loss(theta, x, y))")], ["delta_yhat"], ["sign", "|ŷ − y|", "abs", "−1"]),
    "delta-yhat-forward-difference": ([(DY, "eps = 0.01\n    return ((y_hat + eps - y) ** 2 - (y_hat - y) ** 2) / eps")], ["delta_yhat"],
                                      ["0.01", "finite difference", "eps"]),
    "delta-h-mask-dropped": ([(DH, "return delta_yhat(theta, x, y) * theta[3]")], ["delta_h"], ["g'(z)", "mask", "z(x) < 0", "z(x) ≤ 0"]),
    "delta-h-mask-as-h-over-z": ([(DH, "return delta_yhat(theta, x, y) * theta[3] * h / z")], ["delta_h"],
                                 ["z = 0", "z(x) = 0", "nan", "division"]),
    "grad-w-for-x": ([(GRAD, GRAD.replace("dh * x[0], dh * x[1]", "dh * theta[0], dh * theta[1]"))], ["example_gradient"],
                     ["x[0]", "x[1]", "∂L/∂w0", "∂L/∂x"]),
    "grad-w3-is-dl-dh": ([(GRAD, GRAD.replace("dy * h,", "dy * theta[3],"))], ["example_gradient"], ["∂L/∂w3", "h(x)", "w3"]),
    "grad-zeros-like-x": ([(GRAD, "g = np.zeros_like(x)\n    g[0] = dh * x[0]\n    g[1] = dh * x[1]\n    g[2] = dh\n"
                                  "    g[3] = dy * h\n    g[4] = dy\n    return g")], ["example_gradient"], ["index", "shape", "five", "zeros_like"]),
    "dataset-gradient-labels-off-by-one": ([("[example_gradient(theta, x, y) for x, y in zip(X, Y)]",
                                             "[example_gradient(theta, X[i], Y[i - 1]) for i in range(len(X))]")],
                                           ["dataset_gradient"], ["label", "pair", "shifted", "another example"]),
    "dataset-gradient-running-mean": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                        "    g = np.zeros(5)\n    for x, y in zip(X, Y):\n        g = (g + example_gradient(theta, x, y)) / 2\n"
                                        "    return g")], ["dataset_gradient"], ["weigh", "1/n", "½", "halv"]),
    "gd-step-alias-not-copy": ([("return theta - eta * grad", "new = theta\n    new -= eta * grad\n    return new")], ["gd_step"],
                               ["in place", "changed by the call", "copy"]),
    "gd-step-rounded": ([("return theta - eta * grad", "return np.round(theta - eta * grad, 3)")], ["gd_step"], ["round", "decimal", "3 digits"]),
    "gd-step-normalised": ([("return theta - eta * grad", "return theta - eta * grad / np.linalg.norm(grad)")], ["gd_step"],
                           ["norm", "‖grad‖", "length", "unit"]),
    "gd-return-inside-loop": ([("        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                                "        losses.append(dataset_loss(theta, X, Y))\n        return theta, losses")], ["gradient_descent"],
                              ["one step", "single step", "first step"]),
    "gd-steps-from-initial-theta": ([("    for _ in range(steps):\n", "    theta0 = theta\n    for _ in range(steps):\n"),
                                     (LOOP, "        theta = gd_step(theta0, dataset_gradient(theta, X, Y), eta)")], ["gradient_descent"],
                                    ["initial", "start", "θ₀", "given θ"]),
    "gd-eta-decays": ([("        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                        "        losses.append(dataset_loss(theta, X, Y))\n        eta = eta * 0.9\n    return theta, losses")],
                      ["gradient_descent"], ["η", "decay", "schedule"]),
}

# A ninth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or its feedback beyond the README's examples), adapted from how public course
# code goes wrong and unlike the kinds above: a CS231n-style (out, cache) pair from relu, the
# Jacobian (np.diag) for an elementwise derivative, σ for g, * for a dot product, a dict for the
# tuple, a helper called with its arguments swapped, an L2 term the tutorial has not got, a
# mutable default argument that keeps state between calls, a vectorised call on X without its
# transpose (runs on the tutorial's square 2 × 2 X), enumerate for zip, a θ hard-coded from the
# tutorial, a one-element array for a number, the chain rule divided, ragged np.array nesting, an
# index typed twice, g'(z) for h(x), an accumulator appended by reference, a generator where a
# list belongs, gradient clipping, a copy made and the original returned, the caller's grad
# scaled in place, a gradient one step stale, a preallocated losses array filled one index
# early, L(D) passed as the gradient, a function appended instead of its value. Run once at the
# end; not changed after.
HELDOUT9 = {
    "relu-returns-cache-pair": ([("return np.maximum(z, 0)", "return np.maximum(z, 0), z")], ["relu"],
                                ["tuple", "pair", "cache", "two values"]),
    "relu-derivative-jacobian": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.diag(np.where(np.asarray(z) > 0, 1.0, 0.0))")],
                                 ["relu_derivative"], ["diag", "Jacobian", "elementwise", "shape"]),
    "forward-sigmoid-hidden": ([("h = relu(z)", "h = 1 / (1 + np.exp(-z))")], ["forward"], ["σ", "sigmoid", "g(z)", "relu"]),
    "forward-elementwise-not-dot": ([(FWD_Z, "z = theta[0:2] * x + theta[2]")], ["forward"], ["sum", "dot", "two values", "shape"]),
    "forward-returns-dict": ([("return z, h, y_hat", 'return {"z": z, "h": h, "y_hat": y_hat}')], ["forward"],
                             ["tuple", "dict", "(z, h, y_hat)"]),
    "loss-forward-args-swapped": ([("    z, h, y_hat = forward(theta, x)\n    return (y_hat - y) ** 2",
                                    "    z, h, y_hat = forward(x, theta)\n    return (y_hat - y) ** 2")], ["example_loss"],
                                  ["order", "argument", "swap", "exchang"]),
    "loss-adds-l2": ([("return (y_hat - y) ** 2", "return (y_hat - y) ** 2 + 0.01 * np.sum(theta ** 2)")], ["example_loss"],
                     ["θ", "regularis", "λ", "‖θ‖"]),
    "dataset-loss-mutable-default": ([("def dataset_loss(theta, X, Y):\n    total = 0.0\n    for x, y in zip(X, Y):\n"
                                       "        total += example_loss(theta, x, y)\n    return total / len(X)",
                                       "def dataset_loss(theta, X, Y, losses=[]):\n    for x, y in zip(X, Y):\n"
                                       "        losses.append(example_loss(theta, x, y))\n    return sum(losses) / len(losses)")],
                                     ["dataset_loss"], ["previous call", "earlier call", "default", "between calls"]),
    "dataset-loss-vectorised-no-transpose": ([("    total = 0.0\n    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)\n"
                                               "    return total / len(X)",
                                               "    return np.mean(example_loss(theta, X, Y))")], ["dataset_loss"],
                                             ["transpose", "ᵀ", "rows", "columns"]),
    "dataset-loss-enumerate-for-zip": ([("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                         "    for x, y in enumerate(X):\n        total += example_loss(theta, x, y)")], ["dataset_loss"],
                                       ["enumerate", "zip", "index", "Y"]),
    "delta-yhat-tutorial-theta": ([("def delta_yhat(theta, x, y):\n    z, h, y_hat = forward(theta, x)",
                                    "THETA = np.array([1.0, 1.0, 0.0, 1.0, 0.0])\n\ndef delta_yhat(theta, x, y):\n"
                                    "    z, h, y_hat = forward(THETA, x)")], ["delta_yhat"],
                                  ["θ", "when θ changes", "hard-coded", "tutorial"]),
    "delta-yhat-one-element-array": ([(DY, "return np.array([2 * (y_hat - y)])")], ["delta_yhat"],
                                     ["shape", "(1,)", "one-element", "scalar"]),
    "delta-h-divides-by-w3": ([(DH, "return delta_yhat(theta, x, y) / theta[3] * relu_derivative(z)")], ["delta_h"],
                              ["w3", "1/w3", "divid"]),
    "grad-nested-array": ([(GRAD, "return np.array([dh * x, dh, dy * h, dy])")], ["example_gradient"],
                          ["concatenat", "inhomogeneous", "nested", "shape"]),
    "grad-index-typed-twice": ([(GRAD, "g = np.zeros(5)\n    g[0] = dh * x[0]\n    g[1] = dh * x[1]\n    g[2] = dh\n"
                                       "    g[3] = dy * h\n    g[3] = dy\n    return g")], ["example_gradient"],
                               ["∂L/∂w3", "∂L/∂w4", "index", "w4"]),
    "grad-w3-mask-for-h": ([(GRAD, GRAD.replace("dy * h,", "dy * relu_derivative(z),"))], ["example_gradient"],
                           ["∂L/∂w3", "h(x)", "g'(z)"]),
    "dataset-gradient-appends-accumulator": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                               "    total = np.zeros(5)\n    grads = []\n    for x, y in zip(X, Y):\n"
                                               "        total += example_gradient(theta, x, y)\n        grads.append(total)\n"
                                               "    return np.mean(grads, axis=0)")], ["dataset_gradient"],
                                             ["n ×", "sum", "same array"]),
    "dataset-gradient-generator": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]",
                                     "    grads = (example_gradient(theta, x, y) for x, y in zip(X, Y))")], ["dataset_gradient"],
                                   ["generator", "list", "[ ]"]),
    "dataset-gradient-clipped": ([("return np.mean(grads, axis=0)", "return np.clip(np.mean(grads, axis=0), -1.0, 1.0)")],
                                 ["dataset_gradient"], ["clip", "±1", "1"]),
    "gd-step-returns-its-input": ([("return theta - eta * grad", "new = theta.copy()\n    new -= eta * grad\n    return theta")], ["gd_step"],
                                  ["unchanged", "the θ it was given", "θ itself"]),
    # Costs nothing (checked on points only, before the run): no case looks at the caller's grad
    # after the call (the spec promises θ unchanged, not grad) — a gap in the cases, a finding.
    "gd-step-scales-grad-in-place": ([("return theta - eta * grad", "grad *= eta\n    return theta - grad")], ["gd_step"],
                                     ["grad", "changed by the call", "in place"]),
    "gd-gradient-one-step-stale": ([("    for _ in range(steps):\n" + LOOP,
                                     "    g = np.zeros(len(theta))\n    for _ in range(steps):\n        theta = gd_step(theta, g, eta)\n"
                                     "        g = dataset_gradient(theta, X, Y)")], ["gradient_descent"],
                                   ["stale", "one step behind", "zero gradient", "one step fewer"]),
    "gd-losses-index-off-by-one": ([("    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n" + LOOP
                                     + "\n        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                                     "    losses = np.zeros(steps + 1)\n    losses[0] = dataset_loss(theta, X, Y)\n    for t in range(steps):\n"
                                     + LOOP + "\n        losses[t] = dataset_loss(theta, X, Y)\n    return theta, losses")],
                                   ["gradient_descent"], ["index", "shifted", "losses[0]", "t + 1"]),
    "gd-step-with-the-loss": ([(LOOP, LOOP.replace("dataset_gradient(theta, X, Y)", "dataset_loss(theta, X, Y)"))], ["gradient_descent"],
                              ["L(D)", "loss", "∇θ L(D)"]),
    "gd-appends-the-function": ([("        losses.append(dataset_loss(theta, X, Y))", "        losses.append(dataset_loss)")],
                                ["gradient_descent"], ["called", "function", "()", "call"]),
}

# A tenth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course code goes wrong and
# unlike the kinds above: a small floor (0.01) in relu, an ndarray method on a number, a leaky
# derivative, np.all for an elementwise mask, w3 and w4 exchanged, g applied to each term of z,
# z overwritten by h, + for − in the loss, a relative error, Y for y in the loop, the loop's x
# used after the loop (len(x) for n), a notebook global ŷ, a trailing comma, g applied to the
# backward signal, the bias path added into δ_h, a (5, 1) column, x scaled through an alias, a
# loop over x that skips a coordinate (as if x held a bias input), an int accumulator from a list
# of 0s, the product of the means for the mean of the products, momentum kept between calls, η
# hard-coded, X shuffled without Y, len(X) steps, ‖∇θ L(D)‖ recorded as the loss. Checked on
# points only before the lead's single run; not changed after.
HELDOUT10 = {
    "relu-small-floor": ([("return np.maximum(z, 0)", "return np.maximum(z, 0.01)")], ["relu"],
                         ["0.01", "z ≤ 0", "z < 0", "floor"]),
    "relu-ndarray-method": ([("return np.maximum(z, 0)", "return z.clip(min=0)")], ["relu"],
                            ["float", "number", "clip", "method"]),
    "relu-derivative-leaky": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.where(np.asarray(z) > 0, 1.0, 0.01)")],
                              ["relu_derivative"], ["0.01", "z ≤ 0", "z < 0", "leaky"]),
    "relu-derivative-all": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return float(np.all(np.asarray(z) > 0))")],
                            ["relu_derivative"], ["elementwise", "np.all", "one value", "array"]),
    "forward-w3-w4-exchanged": ([(FWD_Y, "y_hat = theta[4] * h + theta[3] * 1")], ["forward"], ["w3", "w4", "swap", "exchang"]),
    "forward-relu-per-term": ([("h = relu(z)", "h = relu(theta[0] * x[0]) + relu(theta[1] * x[1]) + relu(theta[2] * 1)")], ["forward"],
                              ["each term", "g(z)", "z(x)", "sum"]),
    "forward-z-overwritten": ([("h = relu(z)", "z = relu(z)\n    h = z")], ["forward"], ["z(x)", "z(x) < 0", "overwrit", "h(x)"]),
    "loss-plus-for-minus": ([("return (y_hat - y) ** 2", "return (y_hat + y) ** 2")], ["example_loss"], ["ŷ + y", "ŷ − y", "sign", "−"]),
    "loss-relative-error": ([("return (y_hat - y) ** 2", "return ((y_hat - y) / y) ** 2")], ["example_loss"],
                            ["/y", "relative", "divid", "y²"]),
    "dataset-loss-capital-y": ([("        total += example_loss(theta, x, y)", "        total += example_loss(theta, x, Y)")], ["dataset_loss"],
                               ["Y", "every label", "y_i", "array"]),
    "dataset-loss-len-of-last-x": ([("return total / len(X)", "return total / len(x)")], ["dataset_loss"],
                                   ["n", "len(X)", "1/n", "number of examples"]),
    "delta-yhat-notebook-global": ([("def delta_yhat(theta, x, y):\n    z, h, y_hat = forward(theta, x)\n    return 2 * (y_hat - y)",
                                     "y_hat = 3.0  # ŷ(x1), from part 1\n\ndef delta_yhat(theta, x, y):\n    return 2 * (y_hat - y)")],
                                   ["delta_yhat"], ["global", "when x changes", "when θ changes", "ŷ"]),
    "delta-yhat-trailing-comma": ([(DY, DY + ",")], ["delta_yhat"], ["tuple", "comma", "number", "scalar"]),
    "delta-h-relu-of-gradient": ([(DH, "return relu(delta_yhat(theta, x, y) * theta[3])")], ["delta_h"],
                                 ["g'(z)", "mask", "z(x)", "relu"]),
    "delta-h-bias-path-added": ([(DH, "return delta_yhat(theta, x, y) * (theta[3] + 1) * relu_derivative(z)")], ["delta_h"],
                                ["w3", "w3 + 1", "w4", "bias"]),
    "grad-column-vector": ([(GRAD, GRAD + ".reshape(-1, 1)")], ["example_gradient"], ["shape", "(5, 1)", "column", "(5,)"]),
    # Costs nothing (checked on points only, before the run): the values are right and no case
    # looks at the caller's x after the call (x becomes δ_h·x) — a gap in the cases, a finding.
    "grad-scales-x-through-alias": ([(GRAD, "gx = x\n    gx *= dh\n    return np.array([gx[0], gx[1], dh * 1, dy * h, dy * 1])")],
                                    ["example_gradient"], ["x", "changed by the call", "in place", "copy"]),
    "grad-coordinate-loop-short": ([(GRAD, "g = np.zeros(5)\n    for i in range(len(x) - 1):\n        g[i] = dh * x[i]\n"
                                           "    g[2] = dh\n    g[3] = dy * h\n    g[4] = dy\n    return g")], ["example_gradient"],
                                   ["∂L/∂w1", "w1", "x[1]", "range"]),
    "dataset-gradient-int-accumulator": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                           "    total = np.array([0, 0, 0, 0, 0])\n    for x, y in zip(X, Y):\n"
                                           "        total += example_gradient(theta, x, y)\n    return total / len(X)")],
                                         ["dataset_gradient"], ["int", "integer", "dtype", "cast"]),
    "dataset-gradient-product-of-means": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                            "    dy = np.mean([delta_yhat(theta, x, y) for x, y in zip(X, Y)])\n"
                                            "    dh = np.mean([delta_h(theta, x, y) for x, y in zip(X, Y)])\n"
                                            "    x_mean = np.mean(X, axis=0)\n    h_mean = np.mean([forward(theta, x)[1] for x in X])\n"
                                            "    return np.array([dh * x_mean[0], dh * x_mean[1], dh, dy * h_mean, dy])")],
                                          ["dataset_gradient"], ["product of the means", "mean of the products", "per example", "example"]),
    "gd-step-momentum": ([("def gd_step(theta, grad, eta):\n    return theta - eta * grad",
                           "VELOCITY = [0.0]\n\ndef gd_step(theta, grad, eta):\n    VELOCITY[0] = 0.9 * VELOCITY[0] + grad\n"
                           "    return theta - eta * VELOCITY[0]")], ["gd_step"],
                         ["momentum", "previous call", "between calls", "velocity"]),
    "gd-step-eta-hard-coded": ([("return theta - eta * grad", "return theta - 0.01 * grad")], ["gd_step"], ["η", "0.01", "hard-coded"]),
    "gd-shuffles-x-only": ([("    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n",
                             "    rng = np.random.default_rng(0)\n    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n"
                             "        rng.shuffle(X)\n")], ["gradient_descent"], ["shuffl", "pair", "X", "changed by the call"]),
    "gd-steps-from-len-x": ([("for _ in range(steps):", "for _ in range(len(X)):")], ["gradient_descent"], ["steps", "n", "len(X)"]),
    "gd-records-gradient-norm": ([("        losses.append(dataset_loss(theta, X, Y))",
                                   "        losses.append(np.linalg.norm(dataset_gradient(theta, X, Y)))")], ["gradient_descent"],
                                 ["L(D)", "loss", "norm", "‖∇θ L(D)‖"]),
}

# An eleventh held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course and notebook code goes
# wrong and unlike the kinds above: np.vectorize taking its output dtype from the first element,
# np.where with one argument (indices, not a mask), 1-based names w1…w5 mixed with the course's
# 0-based formula, ŷ computed before h was activated, a return only on the z > 0 branch, print
# for return, an accumulator made like Y (a vector result), an f-string returned, a zip consumed
# by len(list(...)), the per-example loss squared again, the derivative left as a sympy
# expression, the whole tuple of forward used as ŷ, a local variable shadowing relu_derivative
# (UnboundLocalError), δ_h calling itself, ŷ passed where y belongs, = for += in an accumulator,
# np.median for np.mean, reshape for a transpose, a missing return, θ's history returned,
# losses = losses.append(...), θ − gd_step(...) (the helper taken to return the step).
# Checked on points only before the lead's single run; not changed after.
HELDOUT11 = {
    "relu-vectorize-first-dtype": ([("return np.maximum(z, 0)", "return np.vectorize(lambda v: v if v > 0 else 0)(z)")], ["relu"],
                                   ["dtype", "int", "vectorize", "first element"]),
    "relu-derivative-where-indices": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.where(np.asarray(z) > 0)")],
                                      ["relu_derivative"], ["np.where", "indices", "tuple", "mask"]),
    "forward-one-based-names": ([(FWD_Z, "w1, w2, w3, w4, w5 = theta\n    z = w1 * x[0] + w2 * x[1] + w3 * 1"),
                                 (FWD_Y, "y_hat = w3 * h + w4 * 1")], ["forward"], ["w3", "w4", "w2", "numbering", "index"]),
    "forward-yhat-before-relu": ([("    h = relu(z)\n    " + FWD_Y, "    h = z\n    " + FWD_Y + "\n    h = relu(h)")], ["forward"],
                                 ["z(x) < 0", "z(x) ≤ 0", "order", "before"]),
    "forward-return-only-if-active": ([("    h = relu(z)\n    " + FWD_Y + "\n    return z, h, y_hat",
                                        "    if z > 0:\n        h = z\n        " + FWD_Y + "\n        return z, h, y_hat")], ["forward"],
                                      ["None", "z(x) ≤ 0", "return", "else"]),
    "loss-printed": ([("    return (y_hat - y) ** 2", "    print((y_hat - y) ** 2)")], ["example_loss"], ["print", "return", "None"]),
    "dataset-loss-accumulator-like-y": ([("    total = 0.0\n    for x, y in zip(X, Y):", "    total = np.zeros_like(Y, dtype=float)\n    for x, y in zip(X, Y):")],
                                        ["dataset_loss"], ["shape", "one number", "scalar", "(n,)"]),
    "dataset-loss-formatted-string": ([("return total / len(X)", 'return f"{total / len(X):.4f}"')], ["dataset_loss"],
                                      ["str", "string", "format", "number"]),
    "dataset-loss-zip-exhausted": ([("    total = 0.0\n    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)\n    return total / len(X)",
                                     "    total = 0.0\n    pairs = zip(X, Y)\n    n = len(list(pairs))\n    for x, y in pairs:\n"
                                     "        total += example_loss(theta, x, y)\n    return total / n")], ["dataset_loss"],
                                   ["0", "zip", "iterator", "exhausted", "consumed"]),
    "dataset-loss-squares-the-loss": ([("        total += example_loss(theta, x, y)", "        total += example_loss(theta, x, y) ** 2")],
                                      ["dataset_loss"], ["square", "L(x, y)²", "twice", "fourth power"]),
    "delta-yhat-sympy-unsubstituted": ([("import numpy as np", "import numpy as np\nimport sympy"),
                                        ("    z, h, y_hat = forward(theta, x)\n    " + DY,
                                         "    z, h, y_hat = forward(theta, x)\n    yh = sympy.Symbol('y_hat')\n    return sympy.diff((yh - y) ** 2, yh)")],
                                       ["delta_yhat"], ["sympy", "symbol", "subs", "expression", "number"]),
    "delta-yhat-whole-tuple": ([("    z, h, y_hat = forward(theta, x)\n    " + DY, "    y_hat = forward(theta, x)\n    " + DY)], ["delta_yhat"],
                               ["tuple", "(z, h, y_hat)", "unpack", "forward"]),
    "delta-h-shadows-relu-derivative": ([(DH, "relu_derivative = relu_derivative(z)\n    return delta_yhat(theta, x, y) * theta[3] * relu_derivative")],
                                        ["delta_h"], ["UnboundLocalError", "relu_derivative", "name", "shadow"]),
    "delta-h-calls-itself": ([(DH, "return delta_h(theta, x, y) * theta[3] * relu_derivative(z)")], ["delta_h"],
                             ["recursion", "itself", "δ_ŷ", "delta_yhat"]),
    "grad-delta-h-of-yhat": ([("    dh = delta_h(theta, x, y)\n", "    dh = delta_h(theta, x, y_hat)\n")], ["example_gradient"],
                             ["y", "ŷ", "label", "δ_h"]),
    "dataset-gradient-assign-for-accumulate": ([("    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]\n    return np.mean(grads, axis=0)",
                                                 "    total = np.zeros(5)\n    for x, y in zip(X, Y):\n        total = example_gradient(theta, x, y)\n"
                                                 "    return total / len(X)")], ["dataset_gradient"],
                                               ["+=", "last example", "accumulat", "sum"]),
    "dataset-gradient-median": ([("np.mean(grads, axis=0)", "np.median(grads, axis=0)")], ["dataset_gradient"], ["median", "mean", "1/n"]),
    "dataset-gradient-reshape-for-transpose": ([("return np.mean(grads, axis=0)", "return np.mean(np.array(grads).reshape(5, -1), axis=1)")],
                                               ["dataset_gradient"], ["reshape", "transpose", "ᵀ", "order"]),
    "gd-step-no-return": ([("    return theta - eta * grad", "    theta = theta - eta * grad")], ["gd_step"], ["None", "return"]),
    "gd-returns-theta-history": ([("    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n" + LOOP
                                   + "\n        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                                   "    thetas = [theta]\n    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n" + LOOP
                                   + "\n        thetas.append(theta)\n        losses.append(dataset_loss(theta, X, Y))\n    return thetas, losses")],
                                 ["gradient_descent"], ["every θ", "history", "list", "θ after"]),
    "gd-losses-assigned-append": ([("        losses.append(dataset_loss(theta, X, Y))", "        losses = losses.append(dataset_loss(theta, X, Y))")],
                                  ["gradient_descent"], ["None", "append", "returns None", "losses"]),
    "gd-subtracts-gd-step": ([(LOOP, "        theta = theta - gd_step(theta, dataset_gradient(theta, X, Y), eta)")], ["gradient_descent"],
                             ["gd_step", "new θ", "η·∇", "returns"]),
}

# A twelfth held-out set, written blind by a helper outside the team (never having read the
# diagnosis code or any feedback text), adapted from how public course and notebook code goes
# wrong and unlike the kinds above: ELU for ReLU, a CS231n-style mask assignment on the caller's
# array, a derivative that iterates over its argument (scalars fail), an int cast placed before
# the comparison, a − typed for + in z, tanh for g, |ŷ − y| for the square, the parentheses of the
# square forgotten, the loss rounded as the tutorial rounds, zip's pair unpacked the wrong way, a
# return indented into the loop, the lecture's ½ carried into L(D), ** typed for *, forward
# memoised on x alone, a 1-based θ index, an inline mask with ≥, ŷ for h in ∂L/∂w3, the bias-first
# convention in the gradient only, a loop bounded by len(θ), keepdims on the mean, sign-GD, a
# coordinate loop from 1, a stop when the loss rises, the best θ returned, the initial loss
# recorded inside the loop, Nielsen's η/n on an averaged gradient. Checked on points only before
# the lead's single run; not changed after.
HELDOUT12 = {
    "relu-elu": ([("return np.maximum(z, 0)", "return np.where(np.asarray(z) > 0, z, np.exp(z) - 1)")], ["relu"],
                 ["ELU", "exp", "z < 0", "negative", "e^z"]),
    "relu-in-place-mask-assign": ([("return np.maximum(z, 0)", "out = np.asarray(z)\n    out[out < 0] = 0\n    return out")], ["relu"],
                                  ["in place", "changed by the call", "copy"]),
    "relu-derivative-iterates-input": ([("return np.where(np.asarray(z) > 0, 1.0, 0.0)", "return np.array([1.0 if v > 0 else 0.0 for v in z])")],
                                       ["relu_derivative"], ["scalar", "a single number", "a float", "iterat", "0-d"]),
    "relu-derivative-cast-before-compare": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.where(np.asarray(z).astype(int) > 0, 1.0, 0.0)")],
                                            ["relu_derivative"], ["0 < z < 1", "int", "truncat", "cast", "fraction"]),
    "forward-w1-term-subtracted": ([(FWD_Z, "z = theta[0] * x[0] - theta[1] * x[1] + theta[2] * 1")], ["forward"],
                                   ["w1", "x[1]", "sign", "w1·x[1]"]),
    "forward-tanh-hidden": ([("h = relu(z)", "h = np.tanh(z)")], ["forward"], ["tanh", "g(z)", "ReLU", "relu", "activation"]),
    "loss-absolute-error": ([("return (y_hat - y) ** 2", "return abs(y_hat - y)")], ["example_loss"],
                            ["square", "(ŷ − y)²", "absolute", "|ŷ − y|", "abs"]),
    "loss-precedence-y-squared": ([("return (y_hat - y) ** 2", "return y_hat - y ** 2")], ["example_loss"],
                                  ["parenthes", "(ŷ − y)²", "precedence", "y²", "square"]),
    "loss-rounded-two-decimals": ([("return (y_hat - y) ** 2", "return round(float((y_hat - y) ** 2), 2)")], ["example_loss"],
                                  ["round", "decimal", "2 digits", "precision", "digits"]),
    "dataset-loss-zip-swapped": ([("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                   "    for y, x in zip(X, Y):\n        total += example_loss(theta, x, y)")], ["dataset_loss"],
                                 ["zip", "order", "swap", "exchang", "x and y"]),
    "dataset-loss-return-in-loop": ([("        total += example_loss(theta, x, y)\n    return total / len(X)",
                                      "        total += example_loss(theta, x, y)\n        return total / len(X)")], ["dataset_loss"],
                                    ["inside the loop", "first example", "indent", "one example"]),
    "dataset-loss-half-mean": ([("return total / len(X)", "return total / (2 * len(X))")], ["dataset_loss"],
                               ["½", "2n", "1/n", "factor 2", "half"]),
    "delta-yhat-power-for-times": ([(DY, "return 2 ** (y_hat - y)")], ["delta_yhat"], ["**", "power", "exponent", "2·(ŷ − y)", "2^"]),
    "delta-yhat-memoised-on-x": ([("def delta_yhat(theta, x, y):\n    z, h, y_hat = forward(theta, x)",
                                   "_FORWARD_CACHE = {}\n\ndef delta_yhat(theta, x, y):\n    key = tuple(x)\n"
                                   "    if key not in _FORWARD_CACHE:\n        _FORWARD_CACHE[key] = forward(theta, x)\n"
                                   "    z, h, y_hat = _FORWARD_CACHE[key]")], ["delta_yhat"],
                                 ["when θ changes", "cache", "stale", "previous call", "memo"]),
    "delta-h-w2-for-w3": ([(DH, DH.replace("theta[3]", "theta[2]"))], ["delta_h"], ["w3", "w2", "index", "theta[3]"]),
    "delta-h-inline-mask-at-zero": ([(DH, "return delta_yhat(theta, x, y) * theta[3] * (1.0 if z >= 0 else 0.0)")], ["delta_h"],
                                    ["z = 0", "z(x) = 0", "g'(0)", "≥", ">= 0"]),
    "grad-w3-uses-yhat": ([(GRAD, GRAD.replace("dy * h,", "dy * y_hat,"))], ["example_gradient"], ["∂L/∂w3", "h(x)", "ŷ", "w3"]),
    "grad-bias-first-convention": ([(GRAD, "xb = np.array([1.0, x[0], x[1]])\n    return np.concatenate([dh * xb, [dy * h, dy * 1]])")],
                                   ["example_gradient"], ["order", "w0", "w2", "bias", "first entry"]),
    "dataset-gradient-range-len-theta": ([("[example_gradient(theta, x, y) for x, y in zip(X, Y)]",
                                           "[example_gradient(theta, X[i], Y[i]) for i in range(len(theta))]")], ["dataset_gradient"],
                                         ["len(X)", "range", "index", "number of examples", "len(theta)"]),
    "dataset-gradient-keepdims": ([("np.mean(grads, axis=0)", "np.mean(grads, axis=0, keepdims=True)")], ["dataset_gradient"],
                                  ["shape", "(1, 5)", "keepdims", "(5,)"]),
    "gd-step-sign-of-grad": ([("return theta - eta * grad", "return theta - eta * np.sign(grad)")], ["gd_step"],
                             ["sign", "np.sign", "magnitude", "η·grad"]),
    "gd-step-loop-from-one": ([("return theta - eta * grad", "new = np.array(theta, dtype=float)\n    for i in range(1, len(theta)):\n"
                                "        new[i] = theta[i] - eta * grad[i]\n    return new")], ["gd_step"],
                              ["w0", "range(1", "first entry", "not updated", "skipped"]),
    "gd-stops-when-loss-rises": ([(LOOP + "\n        losses.append(dataset_loss(theta, X, Y))",
                                   LOOP + "\n        losses.append(dataset_loss(theta, X, Y))\n        if losses[-1] > losses[-2]:\n            break")],
                                 ["gradient_descent"], ["stop", "break", "fewer", "early", "rises", "increase"]),
    "gd-returns-best-theta": ([("    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n" + LOOP
                                + "\n        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                                "    losses = [dataset_loss(theta, X, Y)]\n    best_theta, best_loss = theta, losses[0]\n    for _ in range(steps):\n" + LOOP
                                + "\n        losses.append(dataset_loss(theta, X, Y))\n        if losses[-1] < best_loss:\n"
                                "            best_theta, best_loss = theta, losses[-1]\n    return best_theta, losses")],
                              ["gradient_descent"], ["best", "lowest", "minimum", "smallest loss", "θ after the last step"]),
    "gd-initial-loss-inside-loop": ([("    losses = [dataset_loss(theta, X, Y)]\n    for _ in range(steps):\n" + LOOP,
                                      "    losses = []\n    for t in range(steps):\n        if t == 0:\n"
                                      "            losses.append(dataset_loss(theta, X, Y))\n" + LOOP)], ["gradient_descent"],
                                    ["steps = 0", "zero steps", "empty", "losses[0]", "steps + 1"]),
    "gd-eta-over-n": ([(LOOP, LOOP.replace("eta)", "eta / len(X))"))], ["gradient_descent"],
                      ["η/n", "1/n", "twice", "divided by n", "n ×"]),
}
