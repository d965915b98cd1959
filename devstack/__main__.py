"""python -m devstack up | token <employee_no> | token --resident <email> | signup <email> <password> |
confirm <email> <code> | users | fire <schedule> | replay-dlq <queue>

`up` runs the county's whole stack on this machine (moto server, the real handlers, the HTTP API, event delivery)
with the demo roster loaded; the other commands talk to the running stack through `.devstack/state.json`.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from typing import Any

from devstack.local import STATE_FILE, read_state


def _up(args: argparse.Namespace) -> int:
    from devstack.demo import DEMO_PASSWORD
    from devstack.local import Local
    from devstack.runtime import add_layer_to_path

    add_layer_to_path()
    from common.county import CountyConfigError

    local = Local(county=args.county, api_port=args.api_port, aws_port=args.aws_port, log_level=args.log_level,
                  tolerate_demo_failure=True)
    try:
        local.check_county()  # the same check as `make county-check` / deploy, before any port or thread
    except CountyConfigError as error:
        print(f"cannot start: county {args.county!r}: {error.source} has {len(error.problems)} problem(s)",
              file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        print("(the same check as `make county-check` and `make deploy`)", file=sys.stderr)
        return 1

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    for noisy in ("botocore", "boto3", "urllib3", "pynamodb", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    # Explicit handlers: a shell's background job starts with SIGINT ignored, and SIGTERM should stop cleanly too.
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    stopping = threading.Event()
    wrote_state = False
    try:
        try:
            local.start(demo=not args.no_demo)
        except OSError as error:  # a port in use
            print(f"cannot start: {error}", file=sys.stderr)
            local.stop()
            return 1
        if local.demo_error:
            print(f"\nWARNING: demo roster not loaded: {local.demo_error}", file=sys.stderr)
        local.write_state()
        wrote_state = True
        api = local.gateway.url
        example = local.users[0] if local.users else "<employee_no>"
        docs = "\n".join(f"  Swagger UI   {api}{r.path}   (OpenAPI JSON: {api}{r.path}?format=json)"
                          for r in local.stack.routes() if not r.authorized and r.path.endswith("/docs"))
        print(f"""
jeokgeuk local stack — county {args.county} — ready in {local.timings['total']:.1f} s

  API          {api}
{docs}
  AWS (moto)   {local.emulator.endpoint}   user pool {local.stack.physical('UserPool')}
  Demo users   {len(local.users)} (password for all: {DEMO_PASSWORD}) — list: python -m devstack users
  Residents    {len(local.residents)} demo residents, own pool {local.stack.physical('ResidentUserPool')}
               TOKEN=$(python -m devstack token --resident {local.residents[0] if local.residents else '<email>'})
               sign up: python -m devstack signup <email> <password>, then confirm <email> <code>

  TOKEN=$(python -m devstack token {example})
  curl -H "Authorization: Bearer $TOKEN" {api}/directory/me

Ctrl-C stops it (everything is in memory).
""", flush=True)
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the shutdown
        print("stopping…", flush=True)
        local.stop()
        if wrote_state:
            STATE_FILE.unlink(missing_ok=True)
            from devstack.residents import CODES_FILE

            CODES_FILE.unlink(missing_ok=True)  # the sign-up codes of a pool that is gone
        print("stopped.", flush=True)
    return 0


def _token(args: argparse.Namespace) -> int:
    from devstack.demo import SignInRefused, local_sign_in
    from devstack.local import attach

    state = read_state()
    stack = attach(state)
    if args.resident:
        from devstack.residents import ResidentRefused, resident_sign_in

        try:
            tokens = resident_sign_in(stack, args.resident, args.password)
        except ResidentRefused as error:
            print(f"no token: {error}", file=sys.stderr)
            return 2
        print(tokens["AccessToken"] if args.access else tokens["IdToken"])
        return 0
    if not args.employee_no:
        print("no token: give an employee number, or --resident <email>", file=sys.stderr)
        return 2
    try:
        tokens = local_sign_in(state["user_pool_id"], state["client_id"], args.employee_no, args.password)
    except SignInRefused as error:
        print(f"no token: {error}", file=sys.stderr)
        return 2
    print(tokens["AccessToken"] if args.access else tokens["IdToken"])
    return 0


def _signup(args: argparse.Namespace) -> int:
    from devstack.local import attach
    from devstack.residents import ResidentRefused, sign_up
    from devstack.runtime import Runtime

    runtime = Runtime(attach(read_state()), log_level="WARNING")
    runtime.apply_environment()
    try:
        code = sign_up(runtime, args.name, args.password, verification_token=args.verification_token)
    except ResidentRefused as error:
        print(f"sign-up refused: {error}", file=sys.stderr)
        return 2
    print(f"signed up {args.name} (UNCONFIRMED); local mode prints the confirmation code instead of sending it. "
          f"Then: python -m devstack confirm {args.name} {code}", file=sys.stderr)
    print(code)  # alone on stdout: CODE=$(python -m devstack signup …)
    return 0


def _confirm(args: argparse.Namespace) -> int:
    from devstack.local import attach
    from devstack.residents import ResidentRefused, confirm

    try:
        confirm(attach(read_state()), args.name, args.code)
    except ResidentRefused as error:
        print(f"not confirmed: {error}", file=sys.stderr)
        return 2
    print(f"{args.name} confirmed: TOKEN=$(python -m devstack token --resident {args.name} --password <password>)")
    return 0


def _users(args: argparse.Namespace) -> int:
    from devstack.demo import describe_users
    from devstack.local import attach

    state = read_state()
    attach(state)
    users = describe_users(state["user_pool_id"])
    if args.json:
        print(json.dumps(users, ensure_ascii=False, indent=2))
        return 0
    print(f"{'employee_no':<12} {'department':<12} {'status':<10} groups")
    for user in users:
        status = user["status"] if user["enabled"] else "DISABLED"
        print(f"{user['username']:<12} {user['department']:<12} {status:<10} {' '.join(user['groups'])}")
    return 0


def _fire(args: argparse.Namespace) -> int:
    from devstack.local import attach
    from devstack.runtime import Runtime

    state = read_state()
    runtime = Runtime(attach(state), log_level=args.log_level)
    runtime.apply_environment()
    try:
        logical_id = runtime.by_schedule(args.schedule)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    result: Any = runtime.invoke(logical_id, runtime.scheduler_event(logical_id))
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0


def _replay(args: argparse.Namespace) -> int:
    from devstack.local import attach
    from devstack.pump import (
        dead_letter_pair,
        replay_dlq,
        replay_stream_failures,
        scheduled_job_failures,
        stream_failure_sources,
    )
    from devstack.runtime import Runtime

    stack = attach(read_state())
    if stream_failure_sources(stack, args.queue):  # RelayDLQ: batch coordinates, not messages to move back
        runtime = Runtime(stack, log_level=args.log_level)
        runtime.apply_environment()
        replayed = replay_stream_failures(runtime, args.queue)
        print(replayed.report())
        return 1 if replayed.sweep.get("failed") else 0
    scheduled = scheduled_job_failures(stack, args.queue)
    if scheduled:  # ScheduledJobsDLQ: failed runs of scheduled jobs, not messages of a queue
        schedules = ", ".join(s for f in scheduled for s in stack.functions()[f].schedules)
        print(f"{args.queue} holds scheduled runs that failed or could not start ({', '.join(scheduled)}); there is no "
              f"queue to move them back to: run the job again with `python -m devstack fire <schedule>` "
              f"({schedules}). Locally schedules never fire, so this queue stays empty.", file=sys.stderr)
        return 2
    try:
        source, dlq = dead_letter_pair(stack, args.queue)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    moved = replay_dlq(stack, args.queue)
    print(f"{moved} message(s) moved from {dlq} back to {source}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="run the stack locally with the demo roster")
    up.add_argument("--county", default="demo")
    up.add_argument("--api-port", type=int, default=3000)
    up.add_argument("--aws-port", type=int, default=5005)
    up.add_argument("--log-level", default="WARNING", help="the functions' log level (default WARNING)")
    up.add_argument("--no-demo", action="store_true", help="start empty: no roster, no users")
    up.set_defaults(run=_up)

    token = commands.add_parser("token", help="print a user's ID token (TOKEN=$(python -m devstack token 2026001), "
                                "a resident's: token --resident <email>)")
    token.add_argument("employee_no", nargs="?")
    token.add_argument("--resident", metavar="EMAIL_OR_PHONE", help="a resident of the residents' pool instead")
    token.add_argument("--password", default=None)
    token.add_argument("--access", action="store_true", help="print the access token instead")
    token.set_defaults(run=_token)

    signup = commands.add_parser("signup", help="sign a resident up; prints the confirmation code instead of mailing")
    signup.add_argument("name", metavar="EMAIL_OR_PHONE")
    signup.add_argument("password")
    signup.add_argument("--verification-token", help="본인인증 token (the fake verifier: fake-verified:<anything>)")
    signup.set_defaults(run=_signup)

    confirm = commands.add_parser("confirm", help="confirm a resident's sign-up with the printed code")
    confirm.add_argument("name", metavar="EMAIL_OR_PHONE")
    confirm.add_argument("code")
    confirm.set_defaults(run=_confirm)

    users = commands.add_parser("users", help="list the users with department and groups")
    users.add_argument("--json", action="store_true")
    users.set_defaults(run=_users)

    fire = commands.add_parser("fire", help="run a scheduled function now (schedule name or function logical id)")
    fire.add_argument("schedule")
    fire.add_argument("--log-level", default="WARNING")
    fire.set_defaults(run=_fire)

    replay = commands.add_parser("replay-dlq", help="move a DLQ's messages back to its source queue "
                                 "(RelayDLQ: republish every pending outbox entry with the sweep)")
    replay.add_argument("queue", help="logical id of the queue or of its DLQ, e.g. DirectoryCognitoSyncQueue")
    replay.add_argument("--log-level", default="WARNING")
    replay.set_defaults(run=_replay)

    args = parser.parse_args(argv)
    if args.command == "token" and args.password is None:
        from devstack.demo import DEMO_PASSWORD

        args.password = DEMO_PASSWORD
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
