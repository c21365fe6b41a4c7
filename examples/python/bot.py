"""A small OneBot 11 bot on plain `websockets` (Debian's python3-websockets is enough).

It reads where to connect from the environment (CATNAP_WS_URL, CATNAP_TOKEN), as `catnap test`
and the pytest plugin set them, and would connect to a real NapCat the same way.
"""

import asyncio
import itertools
import json
import os
import signal

import websockets

URL = os.environ.get("CATNAP_WS_URL", "ws://127.0.0.1:3001")
TOKEN = os.environ.get("CATNAP_TOKEN", "")

echoes = itertools.count(1)
checkins = {}  # user_id -> the day (of the world's clock) they last checked in


def plain_text(message):
    if isinstance(message, str):
        return message.strip()
    return "".join(s["data"].get("text", "") for s in message if s["type"] == "text").strip()


def answer(text, user_id, time):
    if text == "/ping":
        return "pong"
    if text.startswith("/echo "):
        return text[len("/echo "):]
    if text == "/checkin":
        day = time // 86400
        if checkins.get(user_id) == day:
            return "You already checked in today."
        checkins[user_id] = day
        return "Checked in!"
    return None


async def call(ws, action, **params):
    # Fire and forget: the answer comes back with this echo, and this bot does not need it.
    await ws.send(json.dumps({"action": action, "params": params, "echo": next(echoes)}))


async def on_event(ws, event):
    post_type = event.get("post_type")
    if post_type == "message":
        text = plain_text(event["message"])
        if event["message_type"] == "group":
            reply = answer(text, event["user_id"], event["time"])
            if reply is not None:
                await call(ws, "send_group_msg", group_id=event["group_id"], message=[{"type": "text", "data": {"text": reply}}])
        else:
            reply = answer(text, event["user_id"], event["time"])
            if reply is not None:
                await call(ws, "send_private_msg", user_id=event["user_id"], message=[{"type": "text", "data": {"text": reply}}])
    elif post_type == "notice":
        kind = event.get("notice_type")
        if kind == "group_increase" and event["user_id"] != event["self_id"]:
            welcome = [{"type": "at", "data": {"qq": str(event["user_id"])}}, {"type": "text", "data": {"text": " Welcome!"}}]
            await call(ws, "send_group_msg", group_id=event["group_id"], message=welcome)
        elif kind == "notify" and event.get("sub_type") == "poke" and event.get("target_id") == event["self_id"] and "group_id" in event:
            await call(ws, "send_group_msg", group_id=event["group_id"], message="Stop poking me!")
        elif kind == "group_upload":
            await call(ws, "send_group_msg", group_id=event["group_id"], message="Thanks for sharing " + event["file"]["name"])
    elif post_type == "request" and event.get("request_type") == "friend":
        await call(ws, "set_friend_add_request", flag=event["flag"], approve=True)


async def main():
    headers = {"Authorization": "Bearer " + TOKEN} if TOKEN else {}
    async with websockets.connect(URL, extra_headers=headers) as ws:
        print("python example bot connected to", URL, flush=True)
        async for frame in ws:
            event = json.loads(frame)
            if "post_type" in event:
                await on_event(ws, event)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    asyncio.run(main())
