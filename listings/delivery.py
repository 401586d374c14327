"""Whether a seller delivers to a buyer's region, for the listing page.

The region is the one the buyer chose on the page, else the one in their profile. A
seller states their regions once (Personal Account → Company → Delivery); one query reads
them all (twenty at most).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import DeliveryRegion
from accounts.regions import Region


@dataclass(frozen=True)
class Delivery:
    region: str
    region_label: str
    seller_states_regions: bool
    delivers: bool
    cost: Decimal | None

    @property
    def by_agreement(self) -> bool:
        return self.delivers and self.cost is None


def buyer_region(request) -> str:
    """Return the region the buyer chose (?my_region=), else their profile's, else ""."""
    chosen = request.GET.get("my_region", "")
    if chosen in Region.values:
        return chosen
    user = request.user
    return user.region if user.is_authenticated and user.region in Region.values else ""


def delivery_for(*, company, region: str) -> Delivery | None:
    """Return what the seller says about delivering to `region` (None: no region known)."""
    if not region:
        return None
    stated = {row.region: row for row in DeliveryRegion.objects.filter(company=company)}
    row = stated.get(region)
    return Delivery(
        region=region,
        region_label=str(dict(Region.choices)[region]),
        seller_states_regions=bool(stated),
        delivers=row is not None,
        cost=row.cost if row is not None else None,
    )
