import re
import pytest
from django.test import Client
from accounts.tests.factories import UserFactory, sign_in_with_second_factor

@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_probe(lang):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    sign_in_with_second_factor(client, user)
    client.cookies["django_language"] = lang
    html = client.get("/admin/").content.decode()
    open(f"/tmp/h15probe/admin_{lang}.html", "w").write(html)
    for path in ["/admin/privacy/datarequest/", "/admin/privacy/datarequest/add/"]:
        r = client.get(path)
        open(f"/tmp/h15probe/{path.strip('/').replace('/','_')}_{lang}.html", "w").write(r.content.decode())
