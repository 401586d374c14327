"""Demo data of support for `manage.py seed_demo`: a few complaints, callbacks, feedback.

Idempotent: every item is keyed by its sender and text, so a second run adds nothing.
Items go through the services, so the consent ledger gets its rows as on the real forms.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from listings.models import Listing, Review
from support import selectors, services, texts
from support.models import CallbackRequest, Complaint, Feedback

DEMO_META = {"ip": "127.0.0.1", "user_agent": "seed_demo"}
STAFF_EMAIL = "admin@demo.kz"

COMPLAINTS = (
    ("listing", "aliya.reporter@demo.kz", "Алия", "fraud",
     "Продавец просит предоплату на личную карту и не присылает счёт."),
    ("listing", "marat.reporter@demo.kz", "Марат", "wrong_information",
     "На фотографиях другая модель, не та, что в заголовке."),
    ("review", "serik.reporter@demo.kz", "Серик", "offensive",
     "В отзыве оскорбления в адрес менеджера."),
    ("seller", "dana.reporter@demo.kz", "Дана", "other",
     "Телефон компании не отвечает уже неделю."),
)  # fmt: skip
CALLBACKS = (
    ("Ерлан", "+77012345670", "morning", "Как зарегистрировать фермерское хозяйство продавцом"),
    ("Айгуль", "+77172554433", "afternoon", "Доставка семян в Костанайскую область"),
)
FEEDBACK = (
    ("Нурлан", "nurlan.writer@demo.kz", "Добавьте, пожалуйста, фильтр по способу доставки."),
    ("Ольга", "olga.writer@demo.kz", "Поиск по слову «семена» находит и сеялки: так и задумано?"),
)


def _target(kind: str):
    """Return a visible target of this kind, or None on a portal without one."""
    if kind == "listing":
        obj = Listing.objects.visible().order_by("pk").first()
    elif kind == "review":
        obj = Review.objects.shown().order_by("pk").first()
    else:
        obj = Listing.objects.visible().order_by("-pk").first()
        obj = obj.company if obj else None
    if obj is None:
        return None
    return selectors.complaint_target_get(kind=kind, value=str(obj.pk))


def seed_support(*, stdout) -> dict[str, int]:
    """Add the demo complaints, callback requests and feedback that are not there yet."""
    added = {"complaints": 0, "callbacks": 0, "feedback": 0}
    with transaction.atomic():
        for kind, email, name, reason, text in COMPLAINTS:
            if Complaint.objects.filter(guest_email=email, text=text).exists():
                continue
            target = _target(kind)
            if target is None:
                continue
            services.complaint_submit(
                target=target, reason=reason, text=text, name=name, email=email,
                consent_text=texts.CONSENT_COMPLAINT_GUEST, **DEMO_META,
            )  # fmt: skip
            added["complaints"] += 1
        for name, phone, time, topic in CALLBACKS:
            if CallbackRequest.objects.filter(phone=phone, topic=topic).exists():
                continue
            services.callback_submit(
                name=name, phone=phone, preferred_time=time, topic=topic,
                consent_text=texts.CONSENT_CALLBACK, **DEMO_META,
            )  # fmt: skip
            added["callbacks"] += 1
        for name, email, message in FEEDBACK:
            if Feedback.objects.filter(email=email, message=message).exists():
                continue
            services.feedback_submit(
                name=name, email=email, message=message,
                consent_text=texts.CONSENT_FEEDBACK, **DEMO_META,
            )  # fmt: skip
            added["feedback"] += 1
        _review_one(added)
    stdout.write(
        "Support: {complaints} complaints, {callbacks} callback requests, "
        "{feedback} messages added.\n".format(**added)
    )
    return added


def _review_one(added) -> None:
    """Put the first demo complaint in review, so that the admin shows an action row."""
    staff = get_user_model().objects.filter(email=STAFF_EMAIL, is_staff=True).first()
    if staff is None or not added["complaints"]:
        return
    first = Complaint.objects.filter(guest_email=COMPLAINTS[0][1]).first()
    if first is not None and first.status == Complaint.Status.NEW:
        services.complaint_start_review(complaint=first, actor=staff)
