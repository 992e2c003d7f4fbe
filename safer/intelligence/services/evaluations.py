"""Save an intervention evaluation after checking its areas and months can be evaluated.

evaluation = evaluation_create(actor=user, name="Cowley Road lighting", target_area_id=1,
                               control_area_id=2, buffer_metres=200, intervention_start=date(2022, 1, 1),
                               intervention_end=date(2022, 3, 1))
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from safer.core.services.audit import audit_record
from safer.intelligence.dashboard.evaluation_figures import EvaluationAreaMissingError, evaluation_figures
from safer.intelligence.evaluation.errors import EvaluationError
from safer.intelligence.models import Evaluation
from safer.intelligence.warehouse import bounded_reader


class EvaluationInvalidError(ValueError):
    """The evaluation cannot be saved; `field` names the form field at fault (or None)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def evaluation_create(
    *,
    actor: Any,
    name: str,
    target_area_id: int,
    control_area_id: int,
    buffer_metres: int,
    intervention_start: date,
    intervention_end: date,
    crime_type: str = "",
) -> Evaluation:
    """Check the areas and periods against the warehouse (the figures must compute), save, audit."""
    start, end = intervention_start.replace(day=1), intervention_end.replace(day=1)
    if end < start:
        raise EvaluationInvalidError("The intervention must end in or after the month it starts", field="end")
    if target_area_id == control_area_id:
        raise EvaluationInvalidError("Choose a control area different from the target area", field="control_area")
    with bounded_reader() as con:
        names = dict(con.tuples("SELECT area_id, name FROM custom_area"))
        try:
            evaluation_figures(
                con,
                target_area_id=target_area_id,
                control_area_id=control_area_id,
                buffer_metres=buffer_metres,
                start=start,
                end=end,
                crime_type=crime_type,
            )
        except (EvaluationError, EvaluationAreaMissingError) as error:
            raise EvaluationInvalidError(str(error).rstrip(".")) from None
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            name=name,
            target_area_id=target_area_id,
            target_area_name=names[target_area_id],
            control_area_id=control_area_id,
            control_area_name=names[control_area_id],
            buffer_metres=buffer_metres,
            intervention_start=start,
            intervention_end=end,
            crime_type=crime_type,
            created_by=actor,
        )
        audit_record(actor=actor, action="evaluation.create", target=evaluation, target_label=name)
    return evaluation
