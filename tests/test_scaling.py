"""The growth check tells a linear cost from a quadratic one."""

import pytest

from tests.scaling import assert_linear
from tests.scaling import smaller


def linear(text: str) -> int:
    return sum(1 for char in text if char == "a")


def quadratic(text: str) -> int:
    return sum(1 for i in range(len(text)) for _ in range(len(text) // 100))


def test_a_linear_cost_passes() -> None:
    assert_linear(linear, "ab" * 20_000, "ab" * 200_000)


def test_a_quadratic_cost_fails() -> None:
    with pytest.raises(AssertionError, match="10x the input took"):
        assert_linear(quadratic, "a" * 2_000, "a" * 20_000)


def test_smaller_keeps_the_shape_and_the_end() -> None:
    assert smaller(b"ab" * 50 + b"!") == b"ab" * 4 + b"a!"
    assert len(smaller("x" * 1000)) == 100
