"""Public checks of day2.shapes (形状操作): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
Non-contiguous inputs (a transpose, a slice) are made inside the worker by probes.
"""
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function

A = [[1, 2, 3], [4, 5, 6]]      # 2×3, distinct values: a reshape, a transpose and a permute all differ


def _on_view(student, probe, name, what, *args):
    """Call `name` on a view made in the worker by `probe`; fail with a message naming `what`."""
    rep = student.probe(probe, name, *args)
    expect.true(isinstance(rep, dict) and "ok" in rep, f"{what}: the call did not report back")
    expect.true(rep["ok"], f"{what} raised {rep.get('error')}")
    return rep["value"]


# ---------------------------------------------------------------- reshape_to
@function("reshape_to")
def test_reshape_to_example(student):
    """文档示例：(3, -1) 中的 -1 自动推算为 2；三维目标形状 (2, -1, 2) 也可以。
    Docstring example: the -1 in (3, -1) is inferred as 2; a 3-D target shape (2, -1, 2) works too."""
    t = torch.arange(6)
    expect.tensor(student.reshape_to(t, (3, -1)), torch.tensor([[0, 1], [2, 3], [4, 5]]))
    expect.tensor(student.reshape_to(torch.arange(8), (2, -1, 2)),
                  torch.tensor([[[0, 1], [2, 3]], [[4, 5], [6, 7]]]))


@function("reshape_to")
def test_reshape_to_noncontiguous(student):
    """不连续的输入（转置后）也要能变形：view 在这里会报错，reshape 不会。
    A non-contiguous input (after a transpose) must work too: view raises here, reshape does not."""
    what = "reshape_to(t.transpose(0, 1), (2, 3)) with t = tensor([[1, 2, 3], [4, 5, 6]])"
    got = _on_view(student, probes.on_transposed, "reshape_to", what, torch.tensor(A), 0, 1, (2, 3))
    # t.transpose(0, 1) is [[1, 4], [2, 5], [3, 6]]; read row by row: 1, 4, 2, 5, 3, 6
    expect.tensor(got, torch.tensor([[1, 4, 2], [5, 3, 6]]), what=what)


# ---------------------------------------------------------------- add_axis
@function("add_axis")
def test_add_axis_example(student):
    """文档示例：dim=1 得到 (2, 1, 3)；dim=-1 在最后加一维，得到 (2, 3, 1)。
    Docstring examples: dim=1 gives (2, 1, 3); dim=-1 appends a last axis, giving (2, 3, 1)."""
    t = torch.tensor(A)
    expect.tensor(student.add_axis(t, 1), torch.tensor([[[1, 2, 3]], [[4, 5, 6]]]))
    expect.tensor(student.add_axis(t, -1), torch.tensor([[[1], [2], [3]], [[4], [5], [6]]]))


# ---------------------------------------------------------------- drop_unit_axes
@function("drop_unit_axes")
def test_drop_unit_axes_example(student):
    """文档示例：(2, 1, 1, 3, 1) 去掉所有大小为 1 的维度得到 (2, 3)；开头的 1 也要去掉。
    Docstring example: (2, 1, 1, 3, 1) without every size-1 axis is (2, 3); a leading 1 goes too."""
    t = torch.tensor(A).reshape(2, 1, 1, 3, 1)
    expect.tensor(student.drop_unit_axes(t), torch.tensor(A))
    expect.tensor(student.drop_unit_axes(torch.tensor([[[7], [8]]])), torch.tensor([7, 8]))


# ---------------------------------------------------------------- swap_axes
@function("swap_axes")
def test_swap_axes_example(student):
    """文档示例：(2, 3, 4) 交换 0、1 维得 (3, 2, 4)，交换 0、2 维得 (4, 3, 2)；数据随维度移动。
    Docstring example: (2, 3, 4) with axes 0, 1 swapped is (3, 2, 4), with 0, 2 swapped (4, 3, 2); data moves too."""
    t = torch.arange(24).reshape(2, 3, 4)
    for d0, d1 in ((0, 1), (0, 2)):
        got = student.swap_axes(t, d0, d1)
        expect.tensor(got, t.transpose(d0, d1))


@function("swap_axes")
def test_swap_axes_matrix_is_transpose(student):
    """二维时交换 0、1 维就是转置（不是 reshape）。
    For a 2-D tensor, swapping axes 0 and 1 is the transpose (not a reshape)."""
    expect.tensor(student.swap_axes(torch.tensor(A), 0, 1), torch.tensor([[1, 4], [2, 5], [3, 6]]))


# ---------------------------------------------------------------- reorder_axes
@function("reorder_axes")
def test_reorder_axes_example(student):
    """文档示例：(2, 3, 4) 按 (2, 0, 1) 重排得 (4, 2, 3)：新第 k 维是原第 dims[k] 维，数据随之移动。
    Docstring example: (2, 3, 4) reordered by (2, 0, 1) is (4, 2, 3): new axis k is old axis dims[k]."""
    t = torch.arange(24).reshape(2, 3, 4)
    expect.tensor(student.reorder_axes(t, (2, 0, 1)), t.permute(2, 0, 1))


# ---------------------------------------------------------------- flatten_any
@function("flatten_any")
def test_flatten_any_example(student):
    """文档示例：转置后（不连续）的张量按逻辑上的行优先顺序展平：[1, 3, 2, 4]。
    Docstring example: a transposed (non-contiguous) tensor flattens in its logical row-major order: [1, 3, 2, 4]."""
    what = "flatten_any(t.transpose(0, 1)) with t = tensor([[1, 2], [3, 4]])"
    got = _on_view(student, probes.on_transposed, "flatten_any", what, torch.tensor([[1, 2], [3, 4]]), 0, 1)
    expect.tensor(got, torch.tensor([1, 3, 2, 4]), what=what)


@function("flatten_any")
def test_flatten_any_row_major(student):
    """连续的张量按原来的行优先顺序展平，不先转置。
    A contiguous tensor flattens in its own row-major order, without transposing first."""
    expect.tensor(student.flatten_any(torch.tensor(A)), torch.tensor([1, 2, 3, 4, 5, 6]))


# ---------------------------------------------------------------- viewable
@function("viewable")
def test_viewable_example(student):
    """文档示例：新建的张量是连续的（True），转置后不连续（False）；返回 Python bool。
    Docstring example: a new tensor is contiguous (True), its transpose is not (False); a Python bool."""
    expect.scalar(student.viewable(torch.zeros(2, 3)), True, kind=bool)
    what = "viewable(t.transpose(0, 1)) with t of shape (2, 3)"
    expect.scalar(_on_view(student, probes.on_transposed, "viewable", what, torch.zeros(2, 3), 0, 1), False,
                  kind=bool, what=what)


@function("viewable")
def test_viewable_slices(student):
    """切片 t[:, :2] 和 t[::2] 都不连续（False）：最后一维步长是 1 或 view(-1) 碰巧能用都不算数。
    The slices t[:, :2] and t[::2] are not contiguous (False): a last stride of 1, or view(-1) working, does not count."""
    what = "viewable(t[:, :2]) with t of shape (2, 3)"
    expect.scalar(_on_view(student, probes.on_sliced, "viewable", what, torch.zeros(2, 3), 2), False,
                  kind=bool, what=what)
    what = "viewable(t[::2]) with t = torch.arange(6)"
    expect.scalar(_on_view(student, probes.on_stepped, "viewable", what, torch.arange(6), 2), False,
                  kind=bool, what=what)


@function("viewable")
def test_viewable_unit_axis(student):
    """(3, 1) 转置成 (1, 3) 仍是连续的（True）：大小为 1 的维度的步长无关紧要。
    The transpose (1, 3) of a (3, 1) tensor is still contiguous (True): the stride of a size-1 axis does not matter."""
    what = "viewable(t.transpose(0, 1)) with t of shape (3, 1)"
    expect.scalar(_on_view(student, probes.on_transposed, "viewable", what, torch.zeros(3, 1), 0, 1), True,
                  kind=bool, what=what)
