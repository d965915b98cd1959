"""The HTTP API in local mode: the template's routes, its JWT authorizer and its payload v2 events, on loopback.

For a route with a JWT authorizer (the template's default StaffJwt, or the route's own, e.g. ResidentJwt), the
`Authorization` header's token is verified as API Gateway's JWT authorizer does (RS256 against that authorizer's user
pool's JWKS, issuer, audience = its app client, expiry); anything else is 401 {"message":"Unauthorized"} and the
function is not invoked: a staff token on a resident route is refused, and the reverse. Claims reach the function
as API Gateway passes them: every value a string, arrays flattened to "[a b]".

Requests are served concurrently, as Lambda does: each function has up to `instances` instances (worker processes,
started on demand, each importing the handler once and then handling one event at a time), so races tried over HTTP
are real. Separate processes because a handler cannot be re-entered by threads: Powertools keeps the current event
on a class attribute shared by every resolver, and the logger keeps the request's keys in module state.
`instances=0` (or DEVSTACK_INSTANCES=0) invokes in this process, one request at a time.
"""

from __future__ import annotations

import base64
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import jwt

from devstack.runtime import Runtime, import_handler
from devstack.stack import ACCOUNT, Route

log = logging.getLogger("devstack.gateway")

TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript",
              "application/x-www-form-urlencoded", "+json", "+xml")
CORS_HEADERS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization,content-type,idempotency-key",
    "access-control-allow-methods": "GET,POST,PUT,DELETE,OPTIONS",
}


class JwtAuthorizer:
    """API Gateway's JWT authorizer for a Cognito user pool."""

    def __init__(self, jwks_url: str, issuer: str, audience: list[str]):
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=3600)

    def claims(self, authorization: str | None) -> dict[str, Any] | None:
        """The verified token's claims, or None if the request is not authorized."""
        if not authorization:
            return None
        token = authorization[7:].strip() if authorization[:7].lower() == "bearer " else authorization.strip()
        try:
            key = self.jwks.get_signing_key_from_jwt(token).key
            claims = jwt.decode(token, key, algorithms=["RS256"], issuer=self.issuer,
                                options={"require": ["exp", "iss"], "verify_aud": False})
        except (jwt.PyJWTError, ValueError):
            return None
        # ID tokens carry `aud`, access tokens `client_id`: API Gateway checks whichever the token has.
        audience = claims.get("aud", claims.get("client_id"))
        audiences = audience if isinstance(audience, list) else [audience]
        if not any(a in self.audience for a in audiences):
            return None
        return claims


def flatten_claims(claims: dict[str, Any]) -> dict[str, str]:
    """Claims as the HTTP API hands them to the function: strings, arrays as "[a b]"."""
    out = {}
    for name, value in claims.items():
        if isinstance(value, list):
            out[name] = "[" + " ".join(str(v) for v in value) + "]"
        elif isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif isinstance(value, dict):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = str(value)
    return out


def is_text(content_type: str | None) -> bool:
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return any(marker in kind for marker in TEXT_TYPES)


def http_event(route: Route, method: str, path: str, *, query: str = "", headers: dict[str, str] | None = None,
               body: bytes = b"", path_parameters: dict[str, str] | None = None,
               claims: dict[str, Any] | None = None, source_ip: str = "127.0.0.1") -> dict[str, Any]:
    """An API Gateway HTTP API payload v2 event for one request (`headers` lower-cased)."""
    headers = dict(headers or {})
    now = datetime.now(timezone.utc)
    route_key = f"{route.method} {route.path}"
    query_parameters: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):  # repeated names joined by commas, as API GW
        query_parameters[name] = f"{query_parameters[name]},{value}" if name in query_parameters else value
    cookies = [c.strip() for c in headers.pop("cookie", "").split(";") if c.strip()]
    event: dict[str, Any] = {
        "version": "2.0", "routeKey": route_key, "rawPath": path, "rawQueryString": query,
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT, "apiId": "local", "domainName": headers.get("host", "127.0.0.1"),
            "domainPrefix": "local",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": source_ip,
                     "userAgent": headers.get("user-agent", "")},
            "requestId": str(uuid.uuid4()), "routeKey": route_key, "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"), "timeEpoch": int(now.timestamp() * 1000),
        },
        "isBase64Encoded": False,
    }
    if cookies:
        event["cookies"] = cookies
    if query_parameters:
        event["queryStringParameters"] = query_parameters
    if path_parameters:
        event["pathParameters"] = path_parameters
    if body:
        text = None
        if is_text(headers.get("content-type")):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:  # e.g. a CP949 CSV: pass the bytes intact rather than mangle them
                text = None
        if text is None:
            event["body"] = base64.b64encode(body).decode("ascii")
            event["isBase64Encoded"] = True
        else:
            event["body"] = text
    if claims is not None:
        scope = claims.get("scope")
        event["requestContext"]["authorizer"] = {
            "jwt": {"claims": flatten_claims(claims), "scopes": scope.split() if scope else None}}
    return event


DEFAULT_INSTANCES = 4

_loaded: dict[str, Any] = {}  # in an instance (worker process): handler path → the imported handler


def _start_instance(environment: dict[str, str], path: list[str]) -> None:
    """Runs in a new instance: the gateway process's environment (the emulator's endpoint, the functions' variables)
    and import path, as they were when the instance was asked for."""
    os.environ.clear()
    os.environ.update(environment)
    sys.path[:] = path
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the gateway, which stops its instances


def _invoke_in_instance(handler: str, event: dict[str, Any], context: Any) -> Any:
    """Runs in an instance: import the handler once (the cold start), then call it like Lambda."""
    if handler not in _loaded:
        _loaded[handler] = import_handler(handler)
    return _loaded[handler](event, context)


class Instances:
    """Up to `count` instances per function: worker processes with this process's environment and import path."""

    def __init__(self, runtime: Runtime, count: int):
        self.runtime = runtime
        self.count = count
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._lock = threading.Lock()

    def _pool(self, logical_id: str, *, replace: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
        with self._lock:
            pool = self._pools.get(logical_id)
            if pool is None or pool is replace:
                pool = ProcessPoolExecutor(max_workers=self.count, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_start_instance, initargs=(dict(os.environ), list(sys.path)))
                self._pools[logical_id] = pool
            return pool

    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        handler = self.runtime.functions[logical_id].handler
        pool = self._pool(logical_id)
        try:
            return pool.submit(_invoke_in_instance, handler, event, self.runtime.context(logical_id)).result()
        except BrokenProcessPool:  # an instance died (as a Lambda instance can): the next request gets fresh ones
            self._pool(logical_id, replace=pool)
            raise

    def stop(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog: a burst of connections waits instead of being reset


class Gateway:
    """Serves the stack's HttpApi routes on 127.0.0.1:`port` (0: any free port), `instances` per function at once
    (default DEVSTACK_INSTANCES or 4; 0: in this process, one request at a time)."""

    def __init__(self, runtime: Runtime, authorizer: JwtAuthorizer | dict[str, JwtAuthorizer], *, port: int = 0,
                 quiet: bool = False, instances: int | None = None):
        self.runtime = runtime
        # by the template's authorizer name; one JwtAuthorizer alone serves as the default (StaffJwt)
        self.authorizers = authorizer if isinstance(authorizer, dict) else {
            runtime.stack.default_authorizer(): authorizer}
        self.routes: list[Route] = runtime.stack.routes()
        self.quiet = quiet
        if instances is None:
            instances = int(os.environ.get("DEVSTACK_INSTANCES", DEFAULT_INSTANCES))
        self.instances = Instances(runtime, instances) if instances > 0 else None
        self.server = _Server(("127.0.0.1", port), self._handler_class())
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gateway:
        self._thread = threading.Thread(target=self.server.serve_forever, name="devstack-gateway", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self.instances is not None:
            self.instances.stop()

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            found = route.pattern.match(path)
            if found:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    # ------------------------------------------------------------ one request
    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes,
               source_ip: str = "127.0.0.1") -> tuple[int, dict[str, str], list[str], bytes]:
        """(status, headers, cookies, body) for one request."""
        url = urlsplit(target)
        path = url.path or "/"
        lowered = {k.lower(): v for k, v in headers.items()}
        if method == "OPTIONS" and "access-control-request-method" in lowered:  # CORS preflight, answered by API GW
            return 204, dict(CORS_HEADERS), [], b""
        matched = self.match(method, path)
        if matched is None:
            return self._json(404, {"message": "Not Found"})
        route, path_parameters = matched
        claims = None
        if route.authorized:
            authorizer = self.authorizers.get(route.authorizer or "")
            claims = authorizer.claims(lowered.get("authorization")) if authorizer else None
            if claims is None:
                return self._json(401, {"message": "Unauthorized"})
        event = http_event(route, method, path, query=url.query, headers=lowered, body=body,
                           path_parameters=path_parameters, claims=claims, source_ip=source_ip)
        if self.instances is not None:
            result = self.instances.invoke(route.function, event)
        else:
            result = self.runtime.invoke(route.function, event)
        return self._response(result)

    @staticmethod
    def _json(status: int, body: dict[str, Any]) -> tuple[int, dict[str, str], list[str], bytes]:
        return status, {"content-type": "application/json"}, [], json.dumps(body).encode()

    @staticmethod
    def _response(result: Any) -> tuple[int, dict[str, str], list[str], bytes]:
        if not isinstance(result, dict) or "statusCode" not in result:  # payload v2: a bare value is the JSON body
            return 200, {"content-type": "application/json"}, [], json.dumps(result, ensure_ascii=False).encode()
        headers = {str(k).lower(): str(v) for k, v in (result.get("headers") or {}).items()}
        for name, values in (result.get("multiValueHeaders") or {}).items():
            headers[str(name).lower()] = ",".join(str(v) for v in values)
        body = result.get("body") or ""
        raw = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode("utf-8")
        return int(result["statusCode"]), headers, list(result.get("cookies") or []), raw

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "devstack-gateway"

            def _serve(self) -> None:
                started = time.perf_counter()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                try:
                    status, headers, cookies, payload = gateway.handle(
                        self.command, self.path, dict(self.headers.items()), body, self.client_address[0])
                except Exception:
                    log.exception("%s %s: the function failed", self.command, urlsplit(self.path).path)
                    status, headers, cookies, payload = gateway._json(500, {"message": "Internal Server Error"})
                if "origin" in {k.lower() for k in self.headers}:
                    headers = {**headers, "access-control-allow-origin": "*"}
                if not gateway.quiet:  # method, path, status, time: never the token, the query or the body
                    # logged before the response leaves, so a client that got its answer finds the line written
                    log.info("%s %s %d %.0f ms", self.command, urlsplit(self.path).path, status,
                             (time.perf_counter() - started) * 1000)
                self.send_response(status)
                for name, value in headers.items():
                    if name not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(name, value)
                for cookie in cookies:
                    self.send_header("set-cookie", cookie)
                self.send_header("content-length", str(len(payload)))
                self.send_header("apigw-requestid", uuid.uuid4().hex[:16])
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass  # our own access log above

        return Handler


def authorizers_for(runtime: Runtime, endpoint: str) -> dict[str, JwtAuthorizer]:
    """Every JWT authorizer of the template's HTTP API by name (issuer, audience), each pointed at its emulated
    pool's JWKS."""
    stack = runtime.stack
    for api in stack.of_type("AWS::Serverless::HttpApi").values():
        out = {}
        for name, spec in ((api["Properties"].get("Auth") or {}).get("Authorizers") or {}).items():
            config = stack.resolve(spec["JwtConfiguration"])
            issuer, audience = config["issuer"], config["audience"]
            # Cognito's issuer is https://cognito-idp.<region>.amazonaws.com/<poolId>; moto serves the keys locally.
            pool_id = issuer.rstrip("/").rsplit("/", 1)[1]
            out[name] = JwtAuthorizer(jwks_url=f"{endpoint}/{pool_id}/.well-known/jwks.json", issuer=issuer,
                                      audience=list(audience))
        return out
    raise KeyError("template.yaml has no AWS::Serverless::HttpApi")


def authorizer_for(runtime: Runtime, endpoint: str) -> JwtAuthorizer:
    """The template's default HTTP API authorizer (StaffJwt), pointed at the emulated pool's JWKS."""
    return authorizers_for(runtime, endpoint)[runtime.stack.default_authorizer() or ""]
