"""Handlers: savings goals, recurring savings plans, price alerts (proto ⇄ domain only)."""

from __future__ import annotations

from datetime import UTC

from bitsacco.wallet.v1 import wallet_service_pb2

from services.runtime.errors import FieldViolation, InvalidArgument
from services.wallet.flows.goals import GoalTarget
from services.wallet.flows.transfers import phone_or_invalid
from services.wallet.handlers import convert
from services.wallet.rules.names import child_of, wallet_of


def _target(goal) -> GoalTarget:
    if goal.HasField("target_sats"):
        return GoalTarget(goal.target_sats, None, None)
    return GoalTarget(None, goal.target_amount.currency_code, goal.target_amount.minor_units)


def _paths(mask, message, fields) -> list[str]:
    """The mask's paths, or (empty mask) every field set in `message`."""
    if mask.paths:
        return list(mask.paths)
    present = []
    for field in fields:
        descriptor = message.DESCRIPTOR.fields_by_name[field]
        if descriptor.message_type is not None or descriptor.containing_oneof is not None:
            if message.HasField(field):
                present.append(field)
        elif getattr(message, field):
            present.append(field)
    return present


class PlanningHandlers:
    app = None

    # -- goals -------------------------------------------------------------------------------

    async def CreateGoal(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        goal = request.goal
        view = await self.app.goals.create(
            account, goal.display_name, _target(goal), goal.target_date, request
        )
        return wallet_service_pb2.CreateGoalResponse(goal=convert.goal(view))

    async def GetGoal(self, request, context):
        name = child_of(request.name, "goals")
        account = await self.app.wallets.own(name.wallet)
        return wallet_service_pb2.GetGoalResponse(
            goal=convert.goal(await self.app.goals.get(account, name.ident))
        )

    async def ListGoals(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        views, token = await self.app.goals.list(account, request.page_size, request.page_token)
        return wallet_service_pb2.ListGoalsResponse(
            goals=[convert.goal(v) for v in views], next_page_token=token
        )

    async def UpdateGoal(self, request, context):
        name = child_of(request.goal.name, "goals", "goal.name")
        account = await self.app.wallets.own(name.wallet)
        goal = request.goal
        changes: dict = {}
        paths = _paths(
            request.update_mask,
            goal,
            ("display_name", "target_amount", "target_sats", "target_date"),
        )
        for path in paths:
            if path == "display_name":
                changes["display_name"] = goal.display_name
            elif path in ("target_amount", "target_sats"):
                target = _target(goal)
                changes.update(
                    target_sats=target.sats,
                    target_currency=target.currency,
                    target_minor=target.minor,
                )
            elif path == "target_date":
                changes["target_date"] = goal.target_date or None
        view = await self.app.goals.update(account, name.ident, changes, request)
        return wallet_service_pb2.UpdateGoalResponse(goal=convert.goal(view))

    async def DeleteGoal(self, request, context):
        name = child_of(request.name, "goals")
        account = await self.app.wallets.own(name.wallet)
        await self.app.goals.delete(account, name.ident, request)
        return wallet_service_pb2.DeleteGoalResponse()

    # -- savings plans -----------------------------------------------------------------------

    async def CreateSavingsPlan(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        plan = request.savings_plan
        phone = (
            phone_or_invalid(plan.phone_number, "savings_plan.phone_number")
            if plan.phone_number
            else None
        )
        start = plan.start_time.ToDatetime(tzinfo=UTC) if plan.HasField("start_time") else None
        row = await self.app.plans.create(
            account, plan.amount.minor_units, plan.frequency, phone, start, request
        )
        return wallet_service_pb2.CreateSavingsPlanResponse(savings_plan=convert.savings_plan(row))

    async def GetSavingsPlan(self, request, context):
        name = child_of(request.name, "savingsPlans")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.plans.get(account, name.ident)
        return wallet_service_pb2.GetSavingsPlanResponse(savings_plan=convert.savings_plan(row))

    async def ListSavingsPlans(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        rows, token = await self.app.plans.list(account, request.page_size, request.page_token)
        return wallet_service_pb2.ListSavingsPlansResponse(
            savings_plans=[convert.savings_plan(r) for r in rows], next_page_token=token
        )

    async def UpdateSavingsPlan(self, request, context):
        name = child_of(request.savings_plan.name, "savingsPlans", "savings_plan.name")
        account = await self.app.wallets.own(name.wallet)
        plan = request.savings_plan
        changes: dict = {}
        for path in _paths(request.update_mask, plan, ("amount", "frequency", "phone_number")):
            if path == "amount":
                changes["amount_minor"] = plan.amount.minor_units
            elif path == "frequency":
                if not plan.frequency:
                    raise InvalidArgument(
                        "INVALID_ARGUMENT",
                        "frequency is required",
                        violations=[FieldViolation("savings_plan.frequency", "required")],
                    )
                changes["frequency"] = plan.frequency
            elif path == "phone_number":
                changes["phone"] = (
                    phone_or_invalid(plan.phone_number, "savings_plan.phone_number")
                    if plan.phone_number
                    else None
                )
        row = await self.app.plans.update(account, name.ident, changes, request)
        return wallet_service_pb2.UpdateSavingsPlanResponse(savings_plan=convert.savings_plan(row))

    async def DeleteSavingsPlan(self, request, context):
        name = child_of(request.name, "savingsPlans")
        account = await self.app.wallets.own(name.wallet)
        await self.app.plans.delete(account, name.ident, request)
        return wallet_service_pb2.DeleteSavingsPlanResponse()

    async def PauseSavingsPlan(self, request, context):
        name = child_of(request.name, "savingsPlans")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.plans.pause(account, name.ident, request)
        return wallet_service_pb2.PauseSavingsPlanResponse(savings_plan=convert.savings_plan(row))

    async def ResumeSavingsPlan(self, request, context):
        name = child_of(request.name, "savingsPlans")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.plans.resume(account, name.ident, request)
        return wallet_service_pb2.ResumeSavingsPlanResponse(savings_plan=convert.savings_plan(row))

    # -- price alerts ------------------------------------------------------------------------

    async def CreatePriceAlert(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        alert = request.price_alert
        row = await self.app.alerts.create(
            account,
            alert.direction,
            alert.price.currency_code,
            alert.price.minor_units_per_btc,
            request,
        )
        return wallet_service_pb2.CreatePriceAlertResponse(price_alert=convert.price_alert(row))

    async def GetPriceAlert(self, request, context):
        name = child_of(request.name, "priceAlerts")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.alerts.get(account, name.ident)
        return wallet_service_pb2.GetPriceAlertResponse(price_alert=convert.price_alert(row))

    async def ListPriceAlerts(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        rows, token = await self.app.alerts.list(
            account, request.page_size, request.page_token, list(request.states)
        )
        return wallet_service_pb2.ListPriceAlertsResponse(
            price_alerts=[convert.price_alert(r) for r in rows], next_page_token=token
        )

    async def DeletePriceAlert(self, request, context):
        name = child_of(request.name, "priceAlerts")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.alerts.cancel(account, name.ident, request)
        return wallet_service_pb2.DeletePriceAlertResponse(price_alert=convert.price_alert(row))
