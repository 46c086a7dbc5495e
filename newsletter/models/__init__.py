"""The newsletter's models, for Django and other apps: the record of what was
sent (records.py) and the pages (pages.py). Modules of this app import those
two directly."""

from .pages import ItemBlock, NewsletterIndexPage, NewsletterIssuePage
from .records import Delivery, DeliveryState, Dispatch

__all__ = ["Delivery", "DeliveryState", "Dispatch", "ItemBlock", "NewsletterIndexPage",
           "NewsletterIssuePage"]
