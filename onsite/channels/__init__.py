"""Group-robot webhooks (SPEC §13): a company or a site names the WeCom, DingTalk or Feishu group
chats that hear about reminders, missing reports, breaches and escalations.

Any app posts with

    from onsite.channels import group_post

    group_post(site=ticket.site, company=ticket.company, text=..., url=reverse(...))

inside its own transaction: each active webhook gets its own Celery task, queued on commit, so a
slow or failing chat never blocks or rolls back the work that caused the post.
"""

from __future__ import annotations

from typing import Any


def group_post(*, text: str, url: str = "", site: Any = None, company: Any = None) -> int:
    """Queue `text` (and the absolute link for the path `url`) to every active webhook of `site`
    and of `company` (only the company given: a site alone does not bring its company's); each
    post is its own Celery task, queued on commit. Returns how many were queued."""
    from onsite.channels.services import group_post as _group_post

    return _group_post(text=text, url=url, site=site, company=company)
