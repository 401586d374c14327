"""Locust clients of `bench/load.py`: visitors, guest and signed-in buyers, sellers at their desk.

Every client behaves like a browser: it keeps its cookies, sends each form with the fields the
page gave it (the CSRF token included) plus an Origin header, and follows the links it was
shown. A buyer whose order form answers with an error page presses "send" again (the same
form, so the same one-time token); if that fails too, they go back to the cart and send a
fresh form once: that is how a real buyer makes a duplicate order, so the bench does it too.

Each checkout carries its purchase's id in the order comment ("load <run> <user> <n>"), so
`bench/load.py` can count the orders the database holds per purchase. Records go to the
JSON-lines file LOAD_RECORDS; the count of answers per endpoint and status to LOAD_STATUSES,
the figures per endpoint to LOAD_STATS.
LOAD_SEED names the JSON written by `bench/load_seed.py describe`.
"""

import itertools
import json
import os
import random
import re
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

SEED = json.loads(Path(os.environ["LOAD_SEED"]).read_text(encoding="utf-8"))
RUN = os.environ.get("LOAD_RUN", "run")
# Open for the whole run (closed at exit), line-buffered: a record survives a crash.
RECORDS = open(os.environ["LOAD_RECORDS"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115
STATUSES: Counter = Counter()
# The share of each kind of user: fixed numbers for the signed-in ones, weights for the rest.
USERS = int(os.environ.get("LOAD_USERS", "100"))
TIMEOUT = 60  # a browser waits long; gunicorn cuts a request at 30 s anyway
SEARCHES = (
    "/listings/?q=трактор", "/listings/?q=семена подсолнечника", "/listings/?q=цемент",
    "/listings/?q=арматура&sort=price_asc", "/listings/?q=доставка&page=2",
    "/listings/?q=Кировец", "/listings/?q=steel pipe", "/listings/?q=delivery&sort=newest",
    "/listings/?q=тұқым", "/listings/?sort=price_desc", "/listings/?region=astana",
    "/listings/?q=комбайн&region=kostanay", "/listings/", "/listings/?page=3",
)  # fmt: skip
LISTING_LINK = re.compile(r'href="/listings/(\d+)/"')
SELLER_LINK = re.compile(r'href="/sellers/(\d+)/"')
CHECKOUT_LINK = re.compile(r'href="/cart/checkout/(\d+)/"')
DESK_LINK = re.compile(r'href="/seller/orders/(\d+)/"')
ORDER_PATH = re.compile(r"/orders/([0-9a-f-]{36})/")
ORDER_NUMBER = re.compile(r"\b\d{4}-\d{6}\b")


def record(kind: str, **fields) -> None:
    RECORDS.write(json.dumps({"type": kind, **fields}, ensure_ascii=False) + "\n")


@events.request.add_listener
def _count_status(request_type, name, response=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    STATUSES[f"{request_type} {name} {status}"] += 1


@events.quitting.add_listener
def _write_figures(environment, **_kwargs):
    """Write the answers per status, and the figures per endpoint once every user stopped
    (Locust's own CSV is written before the users still finishing a task are done)."""
    with open(os.environ["LOAD_STATUSES"], "w", encoding="utf-8") as out:
        json.dump(dict(STATUSES), out, ensure_ascii=False, indent=1)
    entries = sorted(environment.stats.entries.values(), key=lambda e: (e.name, e.method))
    rows = []
    for entry in [*entries, environment.stats.total]:
        percentiles = {
            str(p): int(entry.get_response_time_percentile(p / 100) or 0) if entry.num_requests
            else "N/A"
            for p in (50, 95, 99)
        }  # fmt: skip
        name = f"{entry.method} {entry.name}" if entry.method else entry.name
        rows.append({"name": name, "requests": entry.num_requests,
                     "failures": entry.num_failures, **percentiles})  # fmt: skip
    with open(os.environ["LOAD_STATS"], "w", encoding="utf-8") as out:
        json.dump(rows, out, ensure_ascii=False, indent=1)
    RECORDS.flush()


class _Forms(HTMLParser):
    """Collect each form's action and the values a browser would send for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": {}, "choices": {}}
            self.forms.append(self._form)
        elif self._form is None or (not a.get("name") and tag != "option"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "radio":
                self._form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form["fields"][a["name"]] = a.get("value", "on")
            elif kind == "checkbox":
                if "checked" in a:
                    self._form["fields"][a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "image", "file", "reset"):
                self._form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self._form["choices"].setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self._form["fields"][self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"][a["name"]] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_on(html: str, action_part: str, **hidden) -> dict | None:
    """Return the fields of the first form whose action contains `action_part` (and whose
    hidden fields have the given values), choices made as a person would; None if none."""
    parser = _Forms()
    parser.feed(html or "")
    for form in parser.forms:
        if action_part not in form["action"]:
            continue
        fields = dict(form["fields"])
        if any(fields.get(k) != v for k, v in hidden.items()):
            continue
        for name, values in form["choices"].items():
            values = [v for v in values if v]
            if name not in fields and values:
                fields[name] = random.choice(values)
        return fields
    return None


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    numbers = itertools.count(1)

    def on_start(self):
        self.uid = next(PortalUser.numbers)
        self.purchases = 0
        self.client.headers.update(
            {"User-Agent": "Mozilla/5.0 (load test)", "Accept-Language": "ru"}
        )

    def go(self, method: str, path: str, *, name: str, check=None, **kwargs):
        """Send one request; a status 0 or >= 400, or a `check` that objects, is a failure."""
        kwargs.setdefault("timeout", TIMEOUT)
        if method == "POST":
            kwargs["headers"] = {"Origin": self.host, "Referer": self.host + path}
            kwargs.setdefault("allow_redirects", False)
        with self.client.request(method, path, name=name, catch_response=True, **kwargs) as r:
            problem = None
            if not r.status_code:
                problem = f"no answer: {type(r.error).__name__}"
            elif r.status_code >= 400:
                problem = f"HTTP {r.status_code}"
            elif check is not None:
                problem = check(r)
            if problem:
                r.failure(problem)
            else:
                r.success()
        return r

    def sign_in(self, email: str, password: str) -> bool:
        page = self.go("GET", "/accounts/login/", name="/accounts/login/")
        fields = form_on(page.text, "/accounts/login/")
        if fields is None:
            return False
        fields.update(login=email, password=password)
        answer = self.go(
            "POST", "/accounts/login/", name="/accounts/login/", data=fields,
            check=lambda r: None if r.status_code == 302 else "sign-in refused",
        )  # fmt: skip
        return answer.status_code == 302

    def browse(self) -> str | None:
        """Home, a search, a listing page; return the listing page's HTML (None if none)."""
        self.go("GET", "/", name="/")
        self.wait()
        results = self.go("GET", random.choice(SEARCHES), name="/listings/?q=[query]")
        self.wait()
        found = LISTING_LINK.findall(results.text or "")
        listing = int(random.choice(found)) if found else random.choice(SEED["listings"])
        page = self.go("GET", f"/listings/{listing}/", name="/listings/[id]/")
        return page.text if page.ok else None


class Visitor(PortalUser):
    """Looks around without buying: home, searches, listings, a seller's page."""

    weight = 45

    @task
    def look_around(self):
        page = self.browse()
        self.wait()
        sellers = SELLER_LINK.findall(page or "")
        if sellers and random.random() < 0.5:
            self.go("GET", f"/sellers/{sellers[0]}/", name="/sellers/[id]/")


class Buyer(PortalUser):
    abstract = True
    signed_in = False

    @task
    def shop(self):
        page = self.browse()
        fields = form_on(page, "/cart/add/")
        if fields is None:
            return
        listing = re.search(r'action="/cart/add/(\d+)/"', page).group(1)
        seller = (SELLER_LINK.findall(page) or [None])[0]
        self.wait()
        fields = self.ready_to_order(f"/listings/{listing}/", fields)
        if fields is None:
            return
        added = self.go(
            "POST", f"/cart/add/{listing}/", name="/cart/add/[id]/", data=fields,
            check=lambda r: None if "/cart/" in r.headers.get("Location", "") else "not added",
        )  # fmt: skip
        if added.status_code != 302:
            return
        self.wait()
        cart = self.go("GET", "/cart/", name="/cart/")
        sellers = CHECKOUT_LINK.findall(cart.text or "")
        if not sellers:
            return
        self.wait()
        self.checkout(seller if seller in sellers else sellers[0])
        self.after_order()

    def ready_to_order(self, listing_path: str, fields: dict) -> dict | None:
        """Do what the buyer does before the first order; return the add-to-cart form to
        send (a guest: the one on the page), None if the buyer cannot go on."""
        return fields

    def after_order(self) -> None:
        """What the buyer does once the order is sent (a guest: nothing)."""

    def fill(self, fields: dict, purchase: str) -> dict:
        contact = {
            "full_name": "Нурланов Ерлан Серикович",
            "organization": "ТОО «Нагрузка»",
            "email": f"guest{self.uid}.{self.purchases}@load.kz",
            "phone": "+77015551234",
            "address": "г. Астана, ул. Абая, 1",
        }
        for name, value in contact.items():
            if not fields.get(name):
                fields[name] = value
        fields["comment"] = f"load {purchase}"
        return fields

    def checkout(self, seller: str) -> None:
        self.purchases += 1
        purchase = f"{RUN} {self.uid} {self.purchases}"
        path = f"/cart/checkout/{seller}/"
        outcome = {"purchase": purchase, "signed_in": self.signed_in, "posts": [], "t": time.time()}
        try:
            self._send_order(path, purchase, outcome)
        finally:
            record("checkout", **outcome)

    def _send_order(self, path: str, purchase: str, outcome: dict) -> None:
        # Round 1: the form, and "send" pressed again after an error page. Round 2: back to
        # the cart and a fresh form (a new one-time token), sent once.
        for presses in (2, 1):
            page = self.go("GET", path, name="/cart/checkout/[seller]/")
            fields = form_on(page.text if page.ok else "", "/cart/checkout/")
            if fields is None:
                outcome["gave_up"] = f"no order form (HTTP {page.status_code})"
                return
            fields = self.fill(fields, purchase)
            for _press in range(presses):
                sent = self.go(
                    "POST", path, name="/cart/checkout/[seller]/", data=fields,
                    check=lambda r: None if r.status_code in (301, 302, 303) else "form refused",
                )  # fmt: skip
                outcome["posts"].append(sent.status_code)
                found = ORDER_PATH.search(sent.headers.get("Location", ""))
                if sent.status_code in (301, 302, 303) and found:
                    outcome["public_id"] = found.group(1)
                    order = self.go("GET", found.group(0), name="/orders/[public_id]/")
                    number = ORDER_NUMBER.search(order.text or "")
                    outcome["number"] = number.group(0) if number else None
                    return
                if sent.status_code and sent.status_code < 500:
                    outcome["gave_up"] = f"refused (HTTP {sent.status_code})"
                    return
                gevent.sleep(random.uniform(1, 3))  # reads the error page, tries again
        outcome["gave_up"] = "error pages"


class GuestBuyer(Buyer):
    weight = 32


class SignedInBuyer(Buyer):
    """A buyer with an account, who signs in before the first order (not at once, so that
    sign-ins, each a deliberately slow password hash, are spread over the run)."""

    fixed_count = max(1, USERS // 5)
    signed_in = True
    numbers = itertools.count(0)

    def on_start(self):
        super().on_start()
        self.email = SEED["buyers"][next(SignedInBuyer.numbers) % len(SEED["buyers"])]
        self.is_signed_in = False

    def ready_to_order(self, listing_path: str, fields: dict) -> dict | None:
        if self.is_signed_in:
            return fields
        self.is_signed_in = self.sign_in(self.email, SEED["buyer_password"])
        if not self.is_signed_in:
            record("sign_in_failed", email=self.email, t=time.time())
            return None
        # Signing in rotates the CSRF token: the browser is sent back to the listing, whose
        # reloaded form carries the new one.
        page = self.go("GET", listing_path, name="/listings/[id]/")
        return form_on(page.text, "/cart/add/") if page.ok else None

    def after_order(self) -> None:
        if random.random() < 0.3:
            self.wait()
            self.go("GET", "/account/orders/", name="/account/orders/")


class SellerDesk(PortalUser):
    """A seller who opens new orders on the desk and confirms them."""

    fixed_count = max(1, USERS * 3 // 100)
    numbers = itertools.count(0)

    def on_start(self):
        super().on_start()
        seller = SEED["sellers"][next(SellerDesk.numbers) % len(SEED["sellers"])]
        if not self.sign_in(seller["email"], SEED["seller_password"]):
            record("sign_in_failed", email=seller["email"], t=time.time())

    @task
    def confirm_one(self):
        desk = self.go("GET", "/seller/orders/?status=new", name="/seller/orders/?status=new")
        new = DESK_LINK.findall(desk.text or "")
        self.wait()
        if not new:
            return
        pk = random.choice(new[:5])
        page = self.go("GET", f"/seller/orders/{pk}/", name="/seller/orders/[id]/")
        action = f"/seller/orders/{pk}/status/"
        fields = form_on(page.text if page.ok else "", action, action="confirm")
        if fields is None:
            return
        if not fields.get("final_total"):  # items with a price on request: the seller sets it
            fields["final_total"] = str(random.randrange(100_000, 5_000_000, 1000))
        self.wait()
        done = self.go(
            "POST", f"/seller/orders/{pk}/status/", name="/seller/orders/[id]/status/",
            data=fields,
            check=lambda r: None if r.status_code == 302 else "not confirmed",
        )  # fmt: skip
        record("confirm", order=int(pk), status=done.status_code)
