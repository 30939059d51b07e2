"""What the booking page posts: its rows of delegates and the button pressed."""


def order_form(
    *delegates: dict[str, str], action: str = "confirm", **fields: str | list[str]
) -> dict:
    """Each delegate a row (`name`, `email`, `access_needs`, `dietary_needs`)."""
    data = {"delegate-TOTAL_FORMS": str(len(delegates)), "delegate-INITIAL_FORMS": "0"}
    for n, delegate in enumerate(delegates):
        data |= {f"delegate-{n}-{field}": value for field, value in delegate.items()}
    return data | {"action": action} | fields
