"""Public checks for day4.activations (激活函数). The hidden checks test more cases, large
inputs (|x| up to 1e4), every function, and look at your code for library activations."""

import torch

from grader.spec import expect, function

# Library activations that raise when called during these checks: write them from scratch.
FORBID = (
    "torch.sigmoid", "torch.sigmoid_", "torch.tanh", "torch.tanh_", "torch.relu", "torch.relu_",
    "torch.softmax", "torch.log_softmax", "torch.threshold", "torch.threshold_",
    "torch.Tensor.sigmoid", "torch.Tensor.sigmoid_", "torch.Tensor.tanh", "torch.Tensor.tanh_",
    "torch.Tensor.relu", "torch.Tensor.relu_", "torch.Tensor.softmax", "torch.Tensor.log_softmax",
    "torch.special.expit", "torch.special.softmax", "torch.special.log_softmax",
    "torch.nn.functional",
    "torch.nn.Sigmoid", "torch.nn.Tanh", "torch.nn.ReLU", "torch.nn.LeakyReLU",
    "torch.nn.Softmax", "torch.nn.LogSoftmax",
)


@function("sigmoid")
def test_sigmoid_public(student, rng):
    x = rng.randn(3, 4) * 4
    got = student.call("sigmoid", x, forbid=FORBID)
    expect.tensor(got, torch.sigmoid(x.double()).float())


@function("relu_grad")
def test_relu_grad_public(student, rng):
    # the derivative of ReLU is 1 for x > 0 and 0 elsewhere, including at exactly 0
    x = rng.randn(10) * 3
    x[rng.integer(0, 4)] = 0.0
    x[rng.integer(5, 9)] = 0.0
    got = student.call("relu_grad", x, forbid=FORBID)
    expect.tensor(got, (x > 0).float())


@function("softmax")
def test_softmax_public(student, rng):
    # one row around 1000 (exp overflows there), one around 0; every row sums to 1
    X = rng.randn(2, 5) * 2
    X[0] += 1000.0
    got = student.call("softmax", X, forbid=FORBID)
    expect.tensor(got, torch.softmax(X.double(), dim=-1).float(), atol=1e-4, rtol=1e-4)
