"""Every sentence the assistant says, in English and Swahili. Short, warm and specific; WhatsApp
formatting only (*bold*, _italic_). `say(language, key, **values)` fills the blanks."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    # --- greetings and onboarding -------------------------------------------------------------
    "greeting.morning": {"en": "Good morning", "sw": "Habari za asubuhi"},
    "greeting.afternoon": {"en": "Good afternoon", "sw": "Habari za mchana"},
    "greeting.evening": {"en": "Good evening", "sw": "Habari za jioni"},
    "greeting.night": {"en": "Hello", "sw": "Habari"},
    "welcome": {
        "en": "{greeting}! 👋 I'm the Bitsacco assistant. I help you save in bitcoin with M-Pesa, "
        "send to other members and track your savings, right here on WhatsApp.",
        "sw": "{greeting}! 👋 Mimi ni msaidizi wa Bitsacco. Nakusaidia kuweka akiba kwa bitcoin "
        "kupitia M-Pesa, kutuma kwa wanachama wengine na kufuatilia akiba yako, hapa hapa "
        "WhatsApp.",
    },
    "consent.ask": {
        "en": "Before we open your account: do you agree to our terms ({terms_url}) and to us "
        "keeping your details to run it, as our privacy notice says ({privacy_url})? "
        "Reply *YES* to agree.",
        "sw": "Kabla ya kufungua akaunti yako: unakubali masharti yetu ({terms_url}) na sisi "
        "kuhifadhi taarifa zako ili kuiendesha, kama ilani yetu ya faragha inavyoeleza "
        "({privacy_url})? Jibu *NDIO* kukubali.",
    },
    "consent.yes_button": {"en": "Yes, I agree", "sw": "Ndio, nakubali"},
    "consent.no_button": {"en": "No", "sw": "Hapana"},
    "consent.declined": {
        "en": "No problem. I can't open an account without your agreement, and I've kept nothing. "
        "Message me any time if you change your mind.",
        "sw": "Sawa. Siwezi kufungua akaunti bila idhini yako, na sijahifadhi chochote. "
        "Niandikie wakati wowote ukibadilisha nia.",
    },
    "language.ask": {
        "en": "Thank you! 🎉 Which language would you like me to use?",
        "sw": "Asante! 🎉 Ungependa nitumie lugha gani?",
    },
    "language.ask_again": {
        "en": "Please pick a language: English or Kiswahili.",
        "sw": "Tafadhali chagua lugha: English au Kiswahili.",
    },
    "name.ask": {
        "en": "Great. What should I call you?",
        "sw": "Vizuri. Nikuite nani?",
    },
    "name.ask_with_profile": {
        "en": "Great. What should I call you? Reply with your name, or tap below to use "
        "*{profile}*.",
        "sw": "Vizuri. Nikuite nani? Jibu na jina lako, au bonyeza hapa chini kutumia *{profile}*.",
    },
    "name.again": {
        "en": "Sorry, I didn't get your name. Please reply with the name you'd like me to use.",
        "sw": "Samahani, sijapata jina lako. Tafadhali jibu na jina ungependa nikuite.",
    },
    "ready": {
        "en": "Karibu, {name}! Your Bitsacco account is ready. ✅",
        "sw": "Karibu, {name}! Akaunti yako ya Bitsacco iko tayari. ✅",
    },
    "menu": {
        "en": "You can say things like:\n• *save 500* to buy bitcoin with M-Pesa\n• *balance*\n"
        "• *send 200 to 0712 345 678*\n• *withdraw 300* to M-Pesa\n• *statement*\n"
        "• *what is bitcoin?*\nSay *talk to a human* any time to reach our team.",
        "sw": "Unaweza kusema kwa mfano:\n• *weka 500* kununua bitcoin kwa M-Pesa\n• *salio*\n"
        "• *tuma 200 kwa 0712 345 678*\n• *toa 300* kwenda M-Pesa\n• *statement*\n"
        "• *bitcoin ni nini?*\nSema *nataka kuongea na mtu* wakati wowote kufikia timu yetu.",
    },
    "hello_member": {
        "en": "{greeting}, {name}! 😊 How can I help you today?",
        "sw": "{greeting}, {name}! 😊 Nikusaidie na nini leo?",
    },
    "welcome_thanks": {
        "en": "You're welcome, {name}! 😊 Anything else I can do for you?",
        "sw": "Karibu sana, {name}! 😊 Kuna kingine nikusaidie?",
    },
    "already_member": {
        "en": "You're already a member, {name} 🙂 How can I help?",
        "sw": "Tayari wewe ni mwanachama, {name} 🙂 Nikusaidie na nini?",
    },
    "suspended": {
        "en": "Your account is on hold, so I can't do that right now. Say *talk to a human* and "
        "our team will help you.",
        "sw": "Akaunti yako imesimamishwa kwa sasa, kwa hivyo siwezi kufanya hivyo. Sema "
        "*nataka kuongea na mtu* na timu yetu itakusaidia.",
    },
    # --- understanding ------------------------------------------------------------------------
    "not_understood": {
        "en": "Sorry, I didn't catch that. You can say *balance*, *save 500* or "
        "*send 200 to 0712 345 678*, or *help* for more.",
        "sw": "Samahani, sijaelewa. Unaweza kusema *salio*, *weka 500* au "
        "*tuma 200 kwa 0712 345 678*, au *msaada* kwa zaidi.",
    },
    "voice_not_heard": {
        "en": "Sorry, I couldn't make out your voice note. Could you type it instead?",
        "sw": "Samahani, sikusikia vizuri ujumbe wako wa sauti. Unaweza kuandika tafadhali?",
    },
    "clarify": {
        "en": "Did you want to {action}? Reply *YES* or *NO*.",
        "sw": "Ulitaka {action}? Jibu *NDIO* au *HAPANA*.",
    },
    "what_to_do_with_amount": {
        "en": "What would you like to do with {amount}?",
        "sw": "Ungependa kufanya nini na {amount}?",
    },
    "nothing_pending": {
        "en": "There's nothing waiting for your answer right now. What would you like to do?",
        "sw": "Hakuna kinachosubiri jibu lako sasa hivi. Ungependa kufanya nini?",
    },
    "clarify.no": {
        "en": "Okay! What would you like to do? Say *help* to see what I can do.",
        "sw": "Sawa! Ungependa kufanya nini? Sema *msaada* kuona ninachoweza kufanya.",
    },
    "nothing_to_cancel": {
        "en": "Okay. There was nothing to cancel. 🙂",
        "sw": "Sawa. Hakukuwa na chochote cha kusitisha. 🙂",
    },
    "cancelled": {
        "en": "Cancelled. Nothing was sent. 👍",
        "sw": "Imesitishwa. Hakuna kilichotumwa. 👍",
    },
    "expired": {
        "en": "That request expired after {minutes} minutes, so nothing was done. Tell me again "
        "when you're ready.",
        "sw": "Ombi hilo limepitwa na muda baada ya dakika {minutes}, kwa hivyo hakuna "
        "kilichofanyika. Niambie tena ukiwa tayari.",
    },
    "confirm_or_cancel": {
        "en": "Please reply *YES* to go ahead or *NO* to cancel.",
        "sw": "Tafadhali jibu *NDIO* kuendelea au *HAPANA* kusitisha.",
    },
    "yes_button": {"en": "Yes", "sw": "Ndio"},
    "no_button": {"en": "No", "sw": "Hapana"},
    # --- collecting details -------------------------------------------------------------------
    "ask.amount.INTENT_SAVE": {
        "en": "How much would you like to save, in shillings?",
        "sw": "Ungependa kuweka shilingi ngapi?",
    },
    "ask.amount.INTENT_WITHDRAW": {
        "en": "How much would you like to withdraw to M-Pesa, in shillings?",
        "sw": "Ungependa kutoa shilingi ngapi kwenda M-Pesa?",
    },
    "ask.amount.INTENT_SEND": {
        "en": "How much would you like to send?",
        "sw": "Ungependa kutuma kiasi gani?",
    },
    "ask.amount.INTENT_DCA_SETUP": {
        "en": "How much would you like to save each time, in shillings?",
        "sw": "Ungependa kuweka shilingi ngapi kila mara?",
    },
    "ask.amount.INTENT_SET_GOAL": {
        "en": "How much is your goal?",
        "sw": "Lengo lako ni kiasi gani?",
    },
    "ask.amount.INTENT_PRICE_ALERT": {
        "en": "At what bitcoin price should I alert you (e.g. *12 million*)?",
        "sw": "Nikujulishe bitcoin ikifika bei gani (mf. *milioni 12*)?",
    },
    "ask.recipient_phone": {
        "en": "Who should I send it to? Please share their phone number (e.g. 0712 345 678).",
        "sw": "Nimtumie nani? Tafadhali nipe nambari yake ya simu (mf. 0712 345 678).",
    },
    "ask.recipient_phone_of": {
        "en": "What is {name}'s phone number? I send to members by their number.",
        "sw": "Nambari ya simu ya {name} ni ipi? Natuma kwa wanachama kupitia nambari zao.",
    },
    "ask.frequency": {
        "en": "How often: daily, weekly or monthly?",
        "sw": "Mara ngapi: kila siku, kila wiki au kila mwezi?",
    },
    "ask.goal_name": {
        "en": "What are you saving for (e.g. *school fees*)?",
        "sw": "Unawekea akiba ya nini (mf. *karo ya shule*)?",
    },
    "ask.direction": {
        "en": "Should I alert you when bitcoin goes *above* or *below* that price?",
        "sw": "Nikujulishe bitcoin ikipanda *juu* au ikishuka *chini* ya bei hiyo?",
    },
    "button.daily": {"en": "Daily", "sw": "Kila siku"},
    "button.weekly": {"en": "Weekly", "sw": "Kila wiki"},
    "button.monthly": {"en": "Monthly", "sw": "Kila mwezi"},
    "button.above": {"en": "Above", "sw": "Juu"},
    "button.below": {"en": "Below", "sw": "Chini"},
    "button.save": {"en": "Save", "sw": "Weka akiba"},
    "button.send": {"en": "Send", "sw": "Tuma"},
    "button.withdraw": {"en": "Withdraw", "sw": "Toa"},
    "shillings_only": {
        "en": "M-Pesa works in shillings. How many KES would you like to {verb}?",
        "sw": "M-Pesa inatumia shilingi. Ungependa {verb} KES ngapi?",
    },
    "whole_shillings": {
        "en": "Please use whole shillings (no cents). How many KES?",
        "sw": "Tafadhali tumia shilingi kamili (bila senti). KES ngapi?",
    },
    "amount_range": {
        "en": "M-Pesa allows {minimum} to {maximum} per payment. Please pick an amount in that "
        "range.",
        "sw": "M-Pesa inaruhusu {minimum} hadi {maximum} kwa malipo moja. Tafadhali chagua kiasi "
        "katika kiwango hicho.",
    },
    "amount_unusable": {
        "en": "I can't use that amount. Please send it again as a number, e.g. *500*.",
        "sw": "Siwezi kutumia kiasi hicho. Tafadhali kiandike tena kama nambari, mf. *500*.",
    },
    "alert_currency": {
        "en": "Please give the alert price in shillings or dollars, e.g. *12 million*.",
        "sw": "Tafadhali taja bei ya tahadhari kwa shilingi au dola, mf. *milioni 12*.",
    },
    "own_number": {
        "en": "That's your own number 🙂 To add money to your wallet, say *save 500*.",
        "sw": "Hiyo ni nambari yako mwenyewe 🙂 Kuongeza pesa kwenye pochi yako, sema *weka 500*.",
    },
    # --- read-backs ---------------------------------------------------------------------------
    "readback.INTENT_SAVE": {
        "en": "Save {amount}{approx} with M-Pesa? Reply YES or NO",
        "sw": "Uweke {amount}{approx} kwa M-Pesa? Jibu NDIO au HAPANA",
    },
    "readback.INTENT_WITHDRAW": {
        "en": "Withdraw {amount}{approx} to your M-Pesa? Reply YES or NO",
        "sw": "Utoe {amount}{approx} kwenda M-Pesa yako? Jibu NDIO au HAPANA",
    },
    "readback.INTENT_SEND": {
        "en": "Send {amount}{approx} to {recipient}? Reply YES or NO",
        "sw": "Utume {amount}{approx} kwa {recipient}? Jibu NDIO au HAPANA",
    },
    "readback.INTENT_DCA_SETUP": {
        "en": "Save {amount} {frequency} with M-Pesa? Each time you'll get an M-Pesa prompt to "
        "approve. Reply YES or NO",
        "sw": "Uweke {amount} {frequency} kwa M-Pesa? Kila mara utapata ombi la M-Pesa la "
        "kuidhinisha. Jibu NDIO au HAPANA",
    },
    "readback.step_up_note": {
        "en": " (for an amount this size I'll also text you a code)",
        "sw": " (kwa kiasi hiki nitakutumia pia nambari ya siri kwa SMS)",
    },
    "frequency.FREQUENCY_DAILY": {"en": "every day", "sw": "kila siku"},
    "frequency.FREQUENCY_WEEKLY": {"en": "every week", "sw": "kila wiki"},
    "frequency.FREQUENCY_MONTHLY": {"en": "every month", "sw": "kila mwezi"},
    "action.INTENT_CHECK_BALANCE": {"en": "check your balance", "sw": "kuangalia salio lako"},
    "action.INTENT_BTC_PRICE": {"en": "see the bitcoin price", "sw": "kuona bei ya bitcoin"},
    "action.INTENT_SAVE": {"en": "save", "sw": "kuweka akiba"},
    "action.INTENT_WITHDRAW": {"en": "withdraw to M-Pesa", "sw": "kutoa pesa kwenda M-Pesa"},
    "action.INTENT_SEND": {"en": "send money to someone", "sw": "kumtumia mtu pesa"},
    "action.INTENT_STATEMENT": {"en": "see your statement", "sw": "kuona statement yako"},
    "action.INTENT_SET_GOAL": {"en": "set a savings goal", "sw": "kuweka lengo la akiba"},
    "action.INTENT_DCA_SETUP": {"en": "save automatically", "sw": "kuweka akiba kiotomatiki"},
    "action.INTENT_PRICE_ALERT": {"en": "set a price alert", "sw": "kuweka tahadhari ya bei"},
    "action.INTENT_SET_LANGUAGE": {"en": "change the language", "sw": "kubadilisha lugha"},
    "action.INTENT_SET_VOICE": {"en": "change voice replies", "sw": "kubadilisha majibu ya sauti"},
    "action.INTENT_TALK_TO_AGENT": {"en": "talk to a person", "sw": "kuongea na mtu"},
    "action.INTENT_LEARN": {"en": "learn about that", "sw": "kujifunza kuhusu hilo"},
    "action.INTENT_HELP": {"en": "see what I can do", "sw": "kuona ninachoweza kufanya"},
    "verb.INTENT_SAVE": {"en": "save", "sw": "kuweka"},
    "verb.INTENT_WITHDRAW": {"en": "withdraw", "sw": "kutoa"},
    "verb.INTENT_DCA_SETUP": {"en": "save each time", "sw": "kuweka kila mara"},
    # --- results ------------------------------------------------------------------------------
    "balance": {
        "en": "💰 Your balance: *{sats}*{value}.",
        "sw": "💰 Salio lako: *{sats}*{value}.",
    },
    "balance.value": {"en": " (≈ {kes})", "sw": " (≈ {kes})"},
    "balance.incoming": {
        "en": "{sats} more are on the way from M-Pesa.",
        "sw": "{sats} zaidi ziko njiani kutoka M-Pesa.",
    },
    "balance.incoming_first": {
        "en": "{sats} are on the way from M-Pesa.",
        "sw": "{sats} ziko njiani kutoka M-Pesa.",
    },
    "balance.empty": {
        "en": "Your wallet is empty for now. Say *save 500* to buy your first sats. 🌱",
        "sw": "Pochi yako haina kitu kwa sasa. Sema *weka 500* kununua sats zako za kwanza. 🌱",
    },
    "price": {
        "en": "📈 1 bitcoin ≈ *{mid_kes}* ({mid_usd}). You buy at {buy_kes} and sell at "
        "{sell_kes}.",
        "sw": "📈 Bitcoin 1 ≈ *{mid_kes}* ({mid_usd}). Unanunua kwa {buy_kes} na kuuza kwa "
        "{sell_kes}.",
    },
    "statement.header": {
        "en": "🧾 Your last {count} transactions:",
        "sw": "🧾 Miamala yako {count} ya mwisho:",
    },
    "statement.empty": {
        "en": "You have no transactions yet. Say *save 500* to start saving. 🌱",
        "sw": "Bado huna miamala. Sema *weka 500* kuanza kuweka akiba. 🌱",
    },
    "statement.balance": {"en": "Balance now: {sats}", "sw": "Salio sasa: {sats}"},
    "kind.deposit": {"en": "Saved via M-Pesa", "sw": "Akiba kupitia M-Pesa"},
    "kind.withdrawal": {"en": "Withdrawn to M-Pesa", "sw": "Kutoa kwenda M-Pesa"},
    "kind.transfer_out": {"en": "Sent", "sw": "Umetuma"},
    "kind.transfer_in": {"en": "Received", "sw": "Umepokea"},
    "kind.other": {"en": "Other", "sw": "Nyingine"},
    "deposit.started": {
        "en": "📲 Check your phone: enter your M-Pesa PIN to pay {amount}. I'll let you know when "
        "your sats arrive.",
        "sw": "📲 Angalia simu yako: weka PIN yako ya M-Pesa kulipa {amount}. Nitakujulisha sats "
        "zako zikifika.",
    },
    "withdrawal.started": {
        "en": "✅ Withdrawing {amount} to your M-Pesa ({sats}). You'll get the M-Pesa SMS shortly.",
        "sw": "✅ Tunatoa {amount} kwenda M-Pesa yako ({sats}). Utapokea SMS ya M-Pesa hivi punde.",
    },
    "transfer.done": {
        "en": "✅ Sent {sats} ({amount}) to {recipient}.",
        "sw": "✅ Umetuma {sats} ({amount}) kwa {recipient}.",
    },
    "plan.created": {
        "en": "✅ Done! I'll save {amount} {frequency} for you{next_run}. Say *statement* any time "
        "to see how it grows.",
        "sw": "✅ Tayari! Nitakuwekea {amount} {frequency}{next_run}. Sema *statement* wakati "
        "wowote kuona inavyokua.",
    },
    "plan.next_run": {"en": ", starting {when}", "sw": ", kuanzia {when}"},
    "goal.created": {
        "en": "🎯 Goal set: {goal} — {amount}. You're {percent}% there. I'll cheer you on at every "
        "milestone!",
        "sw": "🎯 Lengo limewekwa: {goal} — {amount}. Umefika {percent}%. Nitakushangilia kila "
        "hatua!",
    },
    "alert.created": {
        "en": "🔔 Done! I'll tell you when bitcoin goes {direction} {price}.",
        "sw": "🔔 Tayari! Nitakujulisha bitcoin ikienda {direction} ya {price}.",
    },
    "direction.DIRECTION_ABOVE": {"en": "above", "sw": "juu"},
    "direction.DIRECTION_BELOW": {"en": "below", "sw": "chini"},
    "language.set": {
        "en": "Done! I'll reply in English from now on. 🇬🇧",
        "sw": "Sawa! Nitakujibu kwa Kiswahili kuanzia sasa. 🇰🇪",
    },
    "voice.on": {
        "en": "🔊 Voice replies are on. I'll send a voice note with my answers.",
        "sw": "🔊 Majibu ya sauti yamewashwa. Nitatuma ujumbe wa sauti na majibu yangu.",
    },
    "voice.off": {
        "en": "🔇 Voice replies are off. I'll reply in text only.",
        "sw": "🔇 Majibu ya sauti yamezimwa. Nitajibu kwa maandishi tu.",
    },
    "voice.ask": {
        "en": "Would you like voice-note replies on or off?",
        "sw": "Ungependa majibu ya sauti yawashwe au yazimwe?",
    },
    "button.voice_on": {"en": "Voice on", "sw": "Washa sauti"},
    "button.voice_off": {"en": "Voice off", "sw": "Zima sauti"},
    "support.flagged": {
        "en": "🙋 I've asked someone from our team to help you. They'll reply here soon.",
        "sw": "🙋 Nimemwomba mtu wa timu yetu akusaidie. Atakujibu hapa hivi punde.",
    },
    "learn.unknown": {
        "en": "I don't have a good answer to that yet. Try *what is bitcoin?*, *what is DCA?* or "
        "*what is a chama?*, or say *talk to a human*.",
        "sw": "Sina jibu zuri la hilo bado. Jaribu *bitcoin ni nini?*, *DCA ni nini?* au "
        "*chama ni nini?*, au sema *nataka kuongea na mtu*.",
    },
    "chama.soon": {
        "en": "Chamas on WhatsApp are coming soon! 🤝 For now I can help you save, send, withdraw "
        "and check your balance.",
        "sw": "Chama kwenye WhatsApp zinakuja hivi karibuni! 🤝 Kwa sasa naweza kukusaidia "
        "kuweka akiba, kutuma, kutoa na kuangalia salio.",
    },
    # --- step-up ------------------------------------------------------------------------------
    "step_up.sent": {
        "en": "🔐 For your security, I've sent a 6-digit code by SMS to your phone. Reply with the "
        "code to approve {what}.",
        "sw": "🔐 Kwa usalama wako, nimekutumia nambari ya tarakimu 6 kwa SMS. Jibu na nambari "
        "hiyo kuidhinisha {what}.",
    },
    "step_up.resent": {
        "en": "📩 I've sent you a new code by SMS. Reply with it to continue.",
        "sw": "📩 Nimekutumia nambari mpya kwa SMS. Jibu nayo kuendelea.",
    },
    "step_up.ask_code": {
        "en": "Please reply with the 6-digit code from the SMS, *RESEND* for a new one, or *NO* to "
        "cancel.",
        "sw": "Tafadhali jibu na nambari ya tarakimu 6 kutoka kwa SMS, *TUMA TENA* kupata mpya, au "
        "*HAPANA* kusitisha.",
    },
    "step_up.wrong": {
        "en": "That code isn't right. You have {left} more tries.",
        "sw": "Nambari hiyo si sahihi. Umebakisha majaribio {left}.",
    },
    "step_up.expired": {
        "en": "That code has expired. Reply *RESEND* for a new one, or *NO* to cancel.",
        "sw": "Nambari hiyo imepitwa na muda. Jibu *TUMA TENA* kupata mpya, au *HAPANA* kusitisha.",
    },
    "step_up.burned": {
        "en": "Too many wrong codes, so I've cancelled this for your safety. Nothing was sent.",
        "sw": "Nambari zisizo sahihi zimekuwa nyingi, kwa hivyo nimesitisha kwa usalama wako. "
        "Hakuna kilichotumwa.",
    },
    "what.INTENT_SAVE": {"en": "saving {amount}", "sw": "kuweka {amount}"},
    "what.INTENT_WITHDRAW": {"en": "withdrawing {amount}", "sw": "kutoa {amount}"},
    "what.INTENT_SEND": {
        "en": "sending {amount} to {recipient}",
        "sw": "kutuma {amount} kwa {recipient}",
    },
    "what.INTENT_DCA_SETUP": {"en": "this savings plan", "sw": "mpango huu wa akiba"},
    # --- failures -----------------------------------------------------------------------------
    "failure.limit": {
        "en": "That's more than your daily {operation} limit allows. You can still {verb} about "
        "{remaining} today; the limit resets at midnight ({hours}). Reply with a smaller amount, "
        "or *NO* to cancel.",
        "sw": "Hicho ni zaidi ya kikomo chako cha siku cha {operation}. Bado unaweza {verb} "
        "takriban {remaining} leo; kikomo kinaanza upya saa sita usiku ({hours}). Jibu na kiasi "
        "kidogo, au *HAPANA* kusitisha.",
    },
    "failure.limit.hours": {"en": "in about {hours} h", "sw": "baada ya takriban saa {hours}"},
    "operation.save": {"en": "saving", "sw": "kuweka akiba"},
    "operation.withdraw": {"en": "withdrawal", "sw": "kutoa"},
    "operation.transfer": {"en": "sending", "sw": "kutuma"},
    "operation_verb.save": {"en": "save", "sw": "kuweka"},
    "operation_verb.withdraw": {"en": "withdraw", "sw": "kutoa"},
    "operation_verb.transfer": {"en": "send", "sw": "kutuma"},
    "failure.funds": {
        "en": "You don't have enough in your wallet for that{available}. Reply with a smaller "
        "amount, or *NO* to cancel. To top up, say *save 500*.",
        "sw": "Huna pesa za kutosha kwenye pochi yako kwa hilo{available}. Jibu na kiasi kidogo, "
        "au *HAPANA* kusitisha. Kuongeza, sema *weka 500*.",
    },
    "failure.funds.available": {"en": " (you have {sats})", "sw": " (una {sats})"},
    "failure.recipient_unknown": {
        "en": "{phone} isn't on Bitsacco yet, so I can't send to them. Ask them to message this "
        "number to join, then try again.",
        "sw": "{phone} bado hayuko kwenye Bitsacco, kwa hivyo siwezi kumtumia. Mwambie aandikie "
        "nambari hii ajiunge, kisha ujaribu tena.",
    },
    "failure.bad_phone": {
        "en": "That phone number doesn't look right. Please send a Kenyan mobile number like "
        "0712 345 678.",
        "sw": "Nambari hiyo ya simu haionekani sahihi. Tafadhali tuma nambari ya simu ya Kenya "
        "kama 0712 345 678.",
    },
    "failure.price": {
        "en": "I can't get a reliable bitcoin price right now, so I've stopped here; nothing was "
        "moved. Please try again in a few minutes.",
        "sw": "Siwezi kupata bei ya uhakika ya bitcoin sasa hivi, kwa hivyo nimesimama hapa; "
        "hakuna pesa iliyohamishwa. Tafadhali jaribu tena baada ya dakika chache.",
    },
    "failure.mpesa": {
        "en": "M-Pesa isn't answering right now; nothing was charged. Please try again in a few "
        "minutes.",
        "sw": "M-Pesa haijibu sasa hivi; hakuna pesa iliyokatwa. Tafadhali jaribu tena baada ya "
        "dakika chache.",
    },
    "failure.mpesa_rejected": {
        "en": "M-Pesa couldn't send the payment prompt to your phone, so nothing was charged. "
        "Check that your number is on M-Pesa and try again.",
        "sw": "M-Pesa imeshindwa kutuma ombi la malipo kwenye simu yako, kwa hivyo hakuna pesa "
        "iliyokatwa. Hakikisha nambari yako iko kwenye M-Pesa kisha ujaribu tena.",
    },
    "failure.withdrawal_failed": {
        "en": "M-Pesa couldn't pay this out, so your sats are back in your wallet. Please try "
        "again later.",
        "sw": "M-Pesa imeshindwa kulipa hii, kwa hivyo sats zako zimerudi kwenye pochi yako. "
        "Tafadhali jaribu tena baadaye.",
    },
    "failure.too_many": {
        "en": "You already have the most {things} allowed. Remove one first, or say *talk to a "
        "human*.",
        "sw": "Tayari una {things} nyingi zaidi zinazoruhusiwa. Ondoa moja kwanza, au sema "
        "*nataka kuongea na mtu*.",
    },
    "things.goals": {"en": "savings goals", "sw": "malengo ya akiba"},
    "things.plans": {"en": "savings plans", "sw": "mipango ya akiba"},
    "things.alerts": {"en": "price alerts", "sw": "tahadhari za bei"},
    "failure.price_crossed": {
        "en": "Bitcoin is already past that price, so the alert would go off at once. Pick "
        "another level.",
        "sw": "Bitcoin tayari imepita bei hiyo, kwa hivyo tahadhari ingelia mara moja. Chagua bei "
        "nyingine.",
    },
    "failure.busy": {
        "en": "I've sent several codes already. Please wait a minute, then reply *RESEND*.",
        "sw": "Nimetuma nambari kadhaa tayari. Tafadhali subiri dakika moja, kisha jibu "
        "*TUMA TENA*.",
    },
    "failure.invalid": {
        "en": "I couldn't do that with those details. Please check the amount and try again.",
        "sw": "Sikuweza kufanya hivyo kwa maelezo hayo. Tafadhali angalia kiasi na ujaribu tena.",
    },
    "failure.generic": {
        "en": "Something went wrong on our side and nothing was moved. Please try again in a "
        "minute, or say *talk to a human*.",
        "sw": "Kuna hitilafu upande wetu na hakuna pesa iliyohamishwa. Tafadhali jaribu tena "
        "baada ya dakika moja, au sema *nataka kuongea na mtu*.",
    },
}


def say(language: str, key: str, **values: object) -> str:
    texts = PHRASES[key]
    text = texts.get(language) or texts["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in PHRASES
