"""A first message through Envoy reaches the assistant and its answer reaches the phone."""


async def test_hello_through_the_gateway(system):
    async with system.phone("Amina") as phone:
        arrived = await phone.say("hi", until=lambda shown: len(shown) >= 2)
    assert arrived[0].text.startswith(("Good", "Hello")), arrived
    assert [title for _, title in arrived[-1].buttons] == ["Yes, I agree", "No"]
