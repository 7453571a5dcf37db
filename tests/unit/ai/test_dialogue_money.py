"""Money moves only after a read-back and a YES: details asked one at a time, corrections,
cancellation, expiry, step-up codes, and the wallet's refusals explained."""

from __future__ import annotations

from datetime import timedelta

from services.ai.dialogue import requests as rq
from services.ai.dialogue.context import COLLECTING, CONFIRMING, STEP_UP
from tests.unit.ai.dialogue_world import ready_world

SEND_READBACK = "Send KES 200 (≈ 1,650 sats) to +254 712 345 678? Reply YES or NO"


def test_a_transfer_is_read_back_and_runs_only_on_yes():
    world = ready_world()
    assert world.send("send 200 to 0712345678") == [SEND_READBACK]
    assert [b.id for b in world.last_replies[0].buttons] == ["confirm:yes", "confirm:no"]
    assert world.calls_of(rq.Execute) == []
    pending = world.context.pending
    assert pending.state == CONFIRMING and pending.summary == SEND_READBACK
    assert pending.expires_at == world.now + timedelta(minutes=5)

    assert world.send("yes") == ["✅ Sent 1,650 sats (KES 200) to +254 712 345 678."]
    (execute,) = world.calls_of(rq.Execute)
    assert execute.pending.details == {
        "amount": "200",
        "currency": "CURRENCY_KES",
        "recipient_phone": "+254712345678",
    }
    assert execute.pending.request_id == pending.request_id and execute.step_up_token == ""
    assert world.context.pending is None
    assert world.send("yes") == [
        "There's nothing waiting for your answer right now. What would you like to do?"
    ]
    assert len(world.calls_of(rq.Execute)) == 1


def test_cancel_drops_it():
    world = ready_world()
    world.send("send 200 to 0712345678")
    assert world.send("cancel") == ["Cancelled. Nothing was sent. 👍"]
    assert world.context.pending is None
    world.send("yes")
    assert world.calls_of(rq.Execute) == []


def test_change_it_to_500_reads_back_again_under_a_new_request_id():
    world = ready_world()
    world.send("send 200 to 0712345678")
    first = world.context.pending.request_id
    assert world.send("change it to 500") == [
        "Send KES 500 (≈ 4,125 sats) to +254 712 345 678? Reply YES or NO"
    ]
    assert world.context.pending.request_id != first
    world.send("ndio")
    (execute,) = world.calls_of(rq.Execute)
    assert execute.pending.details["amount"] == "500"


def test_no_make_it_1000_is_a_correction_not_a_cancellation():
    world = ready_world()
    world.send("save 500")
    replies = world.send("no, make it 1000")
    assert replies == ["Save KES 1,000 (≈ 8,208 sats) with M-Pesa? Reply YES or NO"]
    assert world.context.pending.state == CONFIRMING


def test_a_new_recipient_replaces_the_old_one():
    world = ready_world()
    world.send("send 200 to 0712345678")
    assert world.send("send it to 0722 000 111 instead") == [
        "Send KES 200 (≈ 1,650 sats) to +254 722 000 111? Reply YES or NO"
    ]


def test_yes_after_the_read_back_expired_runs_nothing():
    world = ready_world()
    world.send("send 200 to 0712345678")
    replies = world.send("yes", after=timedelta(minutes=6))
    assert replies == [
        "That request expired after 5 minutes, so nothing was done. Tell me again when you're "
        "ready."
    ]
    assert world.calls_of(rq.Execute) == [] and world.context.pending is None


def test_missing_details_are_asked_one_at_a_time():
    world = ready_world()
    assert world.send("send money") == ["How much would you like to send?"]
    assert world.context.pending.awaiting == "amount"
    assert world.send("300") == [
        "Who should I send it to? Please share their phone number (e.g. 0712 345 678)."
    ]
    assert world.context.pending.state == COLLECTING
    assert world.send("0722 000 111") == [
        "Send KES 300 (≈ 2,475 sats) to +254 722 000 111? Reply YES or NO"
    ]


def test_a_named_recipient_is_asked_for_by_name_in_swahili():
    world = ready_world(language_code="sw")
    assert world.send("tuma 1500 kwa Wanjiku") == [
        "Nambari ya simu ya Wanjiku ni ipi? Natuma kwa wanachama kupitia nambari zao."
    ]
    assert world.send("0712 345 678") == [
        "Utume KES 1,500 (≈ sats 12,375) kwa Wanjiku (+254 712 345 678)? Jibu NDIO au HAPANA"
    ]


def test_a_name_given_for_the_recipient_asks_for_their_number():
    world = ready_world()
    world.send("send 100")
    assert world.send("wanjiku") == [
        "What is Wanjiku's phone number? I send to members by their number."
    ]
    assert world.send("0712 345 678") == [
        "Send KES 100 (≈ 825 sats) to Wanjiku (+254 712 345 678)? Reply YES or NO"
    ]


def test_sending_to_your_own_number_is_caught():
    world = ready_world()
    replies = world.send("send 200 to 0700 111 222")
    assert replies[0].startswith("That's your own number 🙂")
    assert world.context.pending.awaiting == "recipient_phone"


def test_amounts_in_sats_are_read_back_with_their_shillings():
    world = ready_world()
    assert world.send("send 5000 sats to 0712345678") == [
        "Send 5,000 sats (≈ KES 606.06) to +254 712 345 678? Reply YES or NO"
    ]


def test_save_reads_back_then_prompts_m_pesa():
    world = ready_world()
    assert world.send("weka 500") == ["Save KES 500 (≈ 4,104 sats) with M-Pesa? Reply YES or NO"]
    replies = world.send("yes")
    assert replies == [
        "📲 Check your phone: enter your M-Pesa PIN to pay KES 500. I'll let you know when your "
        "sats arrive."
    ]
    assert world.context.pending is None


def test_save_needs_shillings_within_m_pesa_range():
    world = ready_world()
    assert world.send("save $10") == [
        "M-Pesa works in shillings. How many KES would you like to save?"
    ]
    assert world.context.pending.awaiting == "amount"
    replies = world.send("300000")
    assert replies[0].startswith("M-Pesa allows KES 1 to KES 250,000 per payment.")
    world.send("500")
    assert world.context.pending.state == CONFIRMING


def test_a_large_transfer_needs_the_step_up_code():
    world = ready_world()
    readback = world.send("send 20000 to 0712345678")
    assert readback == [
        "Send KES 20,000 (≈ 165,000 sats) to +254 712 345 678 (for an amount this size I'll also "
        "text you a code)? Reply YES or NO"
    ]
    assert world.context.pending.step_up_required

    def answer(request):
        if isinstance(request, rq.Execute) and not request.step_up_token:
            return rq.Failure(
                "STEP_UP_REQUIRED",
                "FAILED_PRECONDITION",
                {
                    "action": "STEP_UP_ACTION_TRANSFER",
                    "currency_code": "KES",
                    "minor_units": "2000000",
                },
            )
        return None

    world.answer = answer
    replies = world.send("yes")
    assert replies == [
        "🔐 For your security, I've sent a 6-digit code by SMS to your phone. Reply with the code "
        "to approve sending KES 20,000 to +254 712 345 678."
    ]
    request_id = world.context.pending.request_id
    assert world.calls_of(rq.StartStepUp) == [
        rq.StartStepUp(request_id, "STEP_UP_ACTION_TRANSFER", "KES", 2_000_000)
    ]
    assert world.context.pending.state == STEP_UP

    assert world.send("what?") == [
        "Please reply with the 6-digit code from the SMS, *RESEND* for a new one, or *NO* to "
        "cancel."
    ]
    replies = world.send("482 913")
    assert world.calls_of(rq.VerifyStepUp) == [
        rq.VerifyStepUp("users/u1/stepUpChallenges/c1", "482913")
    ]
    first, second = world.calls_of(rq.Execute)
    assert first.pending.request_id == second.pending.request_id == request_id
    assert second.step_up_token == "grant-token"
    assert replies == ["✅ Sent 1,650 sats (KES 200) to +254 712 345 678."]
    assert world.context.pending is None


def test_a_wrong_code_says_how_many_tries_are_left_and_resend_sends_a_new_one():
    world = ready_world()
    world.send("send 20000 to 0712345678")

    def answer(request):
        if isinstance(request, rq.Execute) and not request.step_up_token:
            return rq.Failure("STEP_UP_REQUIRED", "FAILED_PRECONDITION", {})
        if isinstance(request, rq.VerifyStepUp):
            return rq.Failure("OTP_INVALID", "INVALID_ARGUMENT", {"attempts_remaining": "4"})
        return None

    world.answer = answer
    world.send("yes")
    assert world.send("111111") == ["That code isn't right. You have 4 more tries."]
    assert world.send("resend") == [
        "📩 I've sent you a new code by SMS. Reply with it to continue."
    ]
    start, resend = world.calls_of(rq.StartStepUp)
    assert resend.label == "step-up-resend"
    assert start.minor_units == resend.minor_units == 2_000_000
    assert world.send("no") == ["Cancelled. Nothing was sent. 👍"]
    assert len(world.calls_of(rq.Execute)) == 1


def test_a_limit_hit_is_explained_and_a_smaller_amount_goes_through():
    world = ready_world()
    world.send("send 5000 to 0712345678")

    def answer(request):
        if isinstance(request, rq.Execute) and request.pending.details["amount"] == "5000":
            return rq.Failure(
                "LIMIT_EXCEEDED",
                "RESOURCE_EXHAUSTED",
                {
                    "operation": "transfer",
                    "remaining_usd_minor_units": "1250",
                    "reset_time": "2025-05-12T21:00:00Z",
                },
            )
        return None

    world.answer = answer
    replies = world.send("yes")
    assert replies == [
        "That's more than your daily sending limit allows. You can still send about USD 12.50 "
        "today; the limit resets at midnight (in about 14 h). Reply with a smaller amount, or "
        "*NO* to cancel."
    ]
    assert world.context.pending.awaiting == "amount"
    assert world.send("1000") == [
        "Send KES 1,000 (≈ 8,250 sats) to +254 712 345 678? Reply YES or NO"
    ]
    world.send("yes")
    assert [c.pending.details["amount"] for c in world.calls_of(rq.Execute)] == ["5000", "1000"]


def test_an_unknown_recipient_is_explained():
    world = ready_world()
    world.send("send 200 to 0733 999 888")
    world.answer = lambda request: (
        rq.Failure("RECIPIENT_NOT_FOUND", "INVALID_ARGUMENT")
        if isinstance(request, rq.Execute)
        else None
    )
    assert world.send("yes") == [
        "+254 733 999 888 isn't on Bitsacco yet, so I can't send to them. Ask them to message this "
        "number to join, then try again."
    ]
    assert world.context.pending.awaiting == "recipient_phone"


def test_insufficient_funds_is_explained():
    world = ready_world()
    world.send("withdraw 300")
    world.answer = lambda request: (
        rq.Failure("INSUFFICIENT_FUNDS", "FAILED_PRECONDITION")
        if isinstance(request, rq.Execute)
        else None
    )
    replies = world.send("yes")
    assert replies[0].startswith("You don't have enough in your wallet for that.")


def test_an_amount_alone_asks_what_to_do_with_it():
    world = ready_world()
    assert world.send("500") == ["What would you like to do with KES 500?"]
    ids = [b.id for b in world.last_replies[0].buttons]
    assert ids == ["intent:INTENT_SAVE", "intent:INTENT_SEND", "intent:INTENT_WITHDRAW"]
    assert world.press("intent:INTENT_SAVE", "Save") == [
        "Save KES 500 (≈ 4,104 sats) with M-Pesa? Reply YES or NO"
    ]


def test_a_savings_plan_is_read_back_in_swahili():
    world = ready_world(language_code="sw")
    assert world.send("weka 500 kila wiki") == [
        "Uweke KES 500 kila wiki kwa M-Pesa? Kila mara utapata ombi la M-Pesa la kuidhinisha. "
        "Jibu NDIO au HAPANA"
    ]
    replies = world.send("ndio")
    assert replies[0].startswith("✅ Tayari! Nitakuwekea KES 500 kila wiki, kuanzia 19 Mei, 10:00.")


def test_an_unsure_understanding_asks_what_was_meant_then_how_often():
    world = ready_world()
    assert world.send("I want to save 500 automatically") == [
        "Did you want to save automatically? Reply *YES* or *NO*."
    ]
    assert world.send("yes") == ["How often: daily, weekly or monthly?"]
    buttons = [b.id for b in world.last_replies[0].buttons]
    assert buttons == [
        "detail:frequency:FREQUENCY_DAILY",
        "detail:frequency:FREQUENCY_WEEKLY",
        "detail:frequency:FREQUENCY_MONTHLY",
    ]
    assert world.press("detail:frequency:FREQUENCY_WEEKLY", "Weekly") == [
        "Save KES 500 every week with M-Pesa? Each time you'll get an M-Pesa prompt to approve. "
        "Reply YES or NO"
    ]
    assert world.calls_of(rq.Execute) == []


def test_how_often_can_be_typed_in_either_language():
    for answer in ("kila mwezi", "monthly please"):
        world = ready_world()
        world.send("I want to save 500 automatically")
        world.send("yes")
        assert world.send(answer)[0].startswith("Save KES 500 every month with M-Pesa?")


def test_unsure_no_asks_what_to_do():
    world = ready_world()
    world.send("I want to save 500 automatically")
    assert world.send("no") == ["Okay! What would you like to do? Say *help* to see what I can do."]
    assert world.context.pending is None


def test_goals_and_alerts_run_without_a_read_back():
    world = ready_world()
    assert world.send("save 50k for school fees") == [
        "🎯 Goal set: school fees — KES 50,000. You're 3% there. I'll cheer you on at every "
        "milestone!"
    ]
    assert world.send("alert me when bitcoin goes above 12 million") == [
        "🔔 Done! I'll tell you when bitcoin goes above KES 12,000,000."
    ]
    assert [c.pending.intent for c in world.calls_of(rq.Execute)] == [
        "INTENT_SET_GOAL",
        "INTENT_PRICE_ALERT",
    ]


def test_withdrawal_reads_back_and_confirms():
    world = ready_world()
    assert world.send("withdraw 300") == [
        "Withdraw KES 300 (≈ 2,488 sats) to your M-Pesa? Reply YES or NO"
    ]
    assert world.send("yes") == [
        "✅ Withdrawing KES 300 to your M-Pesa (2,488 sats). You'll get the M-Pesa SMS shortly."
    ]


def test_another_question_keeps_the_read_back_waiting():
    world = ready_world()
    world.send("send 200 to 0712345678")
    world.send("balance")
    assert world.context.pending.state == CONFIRMING
    world.send("yes")
    assert len(world.calls_of(rq.Execute)) == 1


def test_a_new_action_replaces_the_read_back():
    world = ready_world()
    world.send("send 200 to 0712345678")
    assert world.send("save 100") == ["Save KES 100 (≈ 820 sats) with M-Pesa? Reply YES or NO"]
    world.send("yes")
    (execute,) = world.calls_of(rq.Execute)
    assert execute.pending.intent == "INTENT_SAVE"
