"""Weighted Displacement Quotient (Bowers and Johnson 2003): displacement into, or diffusion of benefits to,
the buffer zone relative to the success in the target area, both measured against the control area."""

from __future__ import annotations

from dataclasses import dataclass

from safer.intelligence.evaluation.errors import EvaluationPeriodNoDataError


@dataclass(frozen=True)
class WdqResult:
    """success_measure = Ra/Rb - Ca/Cb (negative: the target improved relative to the control);
    buffer_measure = Da/Db - Ca/Cb; wdq = buffer_measure / success_measure, None when the target did not
    improve (the quotient then means nothing); reading: the plain-English reading of Bowers and Johnson's
    table; total_net_effect = (Rb Ca/Cb - Ra) + (Db Ca/Cb - Da), records prevented in target and buffer
    together (negative: more records than expected)."""

    success_measure: float
    buffer_measure: float
    wdq: float | None
    reading: str
    total_net_effect: float


def evaluation_wdq(
    *,
    target_before: int,
    target_after: int,
    buffer_before: int,
    buffer_after: int,
    control_before: int,
    control_after: int,
) -> WdqResult:
    """The WDQ and its reading; R = target (response) area, D = buffer (displacement) zone, C = control."""
    for name, value in (("target", target_before), ("buffer", buffer_before), ("control", control_before)):
        if value <= 0:
            raise EvaluationPeriodNoDataError(
                f"The {name} area has no records in the before period, so its change cannot be measured; "
                "widen the period, crime types or area."
            )
    control = control_after / control_before
    success = target_after / target_before - control
    buffer = buffer_after / buffer_before - control
    total = (target_before * control - target_after) + (buffer_before * control - buffer_after)
    if success >= 0:
        return WdqResult(
            success_measure=success,
            buffer_measure=buffer,
            wdq=None,
            total_net_effect=total,
            reading="The target area did not improve relative to the control area, so the WDQ does not apply.",
        )
    wdq = buffer / success
    if wdq > 1:
        reading = "Diffusion of benefits greater than the direct effect in the target area."
    elif wdq > 0:
        reading = "Diffusion of benefits: the buffer zone improved too."
    elif wdq == 0:
        reading = "No displacement and no diffusion of benefits."
    elif wdq >= -1:
        reading = "Displacement into the buffer zone, smaller than the direct benefit: a net benefit."
    else:
        reading = "Displacement into the buffer zone greater than the direct benefit: counter-productive overall."
    return WdqResult(success_measure=success, buffer_measure=buffer, wdq=wdq, reading=reading, total_net_effect=total)
