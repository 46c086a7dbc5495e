"""The catalogue's pages: each route of the catalogue page (models/pages.py) hands
over to one of these, with the page.

What a view may show comes from consent.py; what it may change from projects.py.
"""

import csv
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

import analytics
import caching
from accounts.models import OrganisationType
from members import consent as member_consent
from pages.exports import spreadsheet_safe
from pages.files import file_response
from topics.ambition_map import GOALS, STRATEGIES
from topics.models import Topic, topic_slugs, versions_in_locale

from . import consent, invitations, projects
from .forms import CatalogueFilterForm, ConsentForm, ContactForm, ProjectForm
from .models.records import ConsentRecord, Phase

PAGE_SIZE = 20


def strategy_map(counts=None, chosen=(), link=None):
    """The ambition map as rows of cells, for includes/ambition_map.html."""
    rows = []
    for goal in GOALS:
        cells = []
        for strategy in goal.strategies:
            cells.append({
                "code": strategy.code, "label": strategy.label,
                "count": (counts or {}).get(strategy.code, 0),
                "chosen": strategy.code in chosen,
                "url": link(strategy.code) if link else None,
            })
        rows.append({"code": goal.code, "label": goal.label, "cells": cells})
    return rows


def localize_topics(rows, locale):
    """Give each project of ``rows`` ``shown_product_group`` and ``shown_themes`` in ``locale``."""
    names = versions_in_locale(
        [topic for project in rows for topic in [project.product_group,
                                                 *project.themes.all()]], locale)
    for project in rows:
        group = project.product_group
        project.shown_product_group = names.get(group.translation_key, group) if group else None
        project.shown_themes = [names.get(t.translation_key, t) for t in project.themes.all()]


def _render(request, page, template, context):
    context = {"page": page, "self": page, "catalogue": page,
               "is_coordinator": consent.is_coordinator(request.user), **context}
    return TemplateResponse(request, template, context)


def _project(request, pk):
    return get_object_or_404(consent.projects_shown_to(request.user)
                             .select_related("product_group"), pk=pk)


def _own_project(request, pk):
    project = _project(request, pk)
    if not consent.may_edit(request.user, project):
        raise PermissionDenied
    return project


def _consent_texts():
    return {kind: consent.current_text(kind) for kind in (consent.LISTING, consent.CONTACT)}


# --- The catalogue -------------------------------------------------------------


def index(request, page):
    form = CatalogueFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    key = _listing_key(request, page, chosen)

    def listing_html():
        listing = _listing(request, page, chosen)
        page_obj = Paginator(range(listing["total"]), PAGE_SIZE).get_page(listing["page"])
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string("catalogue/includes/listing.html", {
            "page": page, "catalogue": page, "page_obj": page_obj,
            "projects": listing["rows"], "facets": listing["facets"],
            "filter_query": query.urlencode(), "has_filters": any(chosen.values()),
            "map_rows": listing["map_rows"],
        }, request=request)

    # Listed projects are the same for every member: the list, its counts
    # and the map are rendered once and kept until a project, a consent or
    # a topic changes ("catalogue" and "topics" scopes).
    html = (listing_html() if key is None
            else caching.remember(("catalogue", "topics", "pages"), key, listing_html))
    return _render(request, page, "catalogue/catalogue_index_page.html", {
        # Rendered by our own template from escaped values.
        "form": form, "chosen": chosen, "listing_html": mark_safe(html),
    })


_FILTERS = {"topic", "strategy", "phase", "organisation_type", "year", "page"}


def _listing_key(request, page, chosen):
    """The cache key of this listing, or None when the query is not one of
    the catalogue's own links (unknown parameters, odd values): those are
    computed afresh, so that no visitor can fill the cache at will."""
    filters = caching.filter_query_key(request.GET, _FILTERS)
    if filters is None or (set(request.GET) - {"page"} and not chosen):
        return None  # not one of our links, or invalid filter values
    if chosen.get("topic") and chosen["topic"] not in topic_slugs(
            page.locale.language_code):
        return None
    return ("catalogue-listing", page.locale_id, filters)


def _listing(request, page, chosen):
    """The listed projects matching ``chosen``: one page of them, the counts
    per filter value and the ambition map; the same for every member."""
    listed = consent.listed_projects()
    chosen_topic = None
    if chosen.get("topic"):
        chosen_topic = Topic.objects.filter(locale=page.locale, slug=chosen["topic"]).first()
        if chosen_topic is None:
            listed = listed.none()
        else:
            same = Topic.objects.filter(translation_key=chosen_topic.translation_key)
            about = listed.model.objects.filter(Q(product_group__in=same)
                                                | Q(themes__in=same))
            listed = listed.filter(pk__in=about.values("pk"))
    if chosen.get("strategy"):
        listed = listed.filter(strategy_codes__contains=f",{chosen['strategy']},")
    if chosen.get("phase"):
        listed = listed.filter(phase=chosen["phase"])
    if chosen.get("organisation_type"):
        listed = listed.filter(organisation_type=chosen["organisation_type"])
    if chosen.get("year"):
        listed = listed.filter(year=chosen["year"])
    facets = _facets(page, listed, request.GET)
    page_obj = Paginator(listed.select_related("product_group")
                         .prefetch_related("themes").order_by("-updated_at", "-pk"),
                         PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    localize_topics(rows, page.locale)
    return {
        "rows": rows, "facets": facets,
        "total": facets["total"], "page": page_obj.number,
        "map_rows": strategy_map(facets["strategy_counts"],
                                 chosen=[chosen.get("strategy")],
                                 link=lambda code: _filter_url(page, request.GET,
                                                               strategy=code)),
    }


def _filter_url(page, current, **change):
    query = current.copy()
    query.pop("page", None)
    for key, value in change.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return page.url + (f"?{encoded}" if encoded else "")


def _facets(page, listed, current):
    """Counts per filter value among ``listed`` (two queries, whatever their number)."""
    rows = list(listed.values_list("pk", "product_group__translation_key", "phase",
                                   "organisation_type", "year", "strategy_codes"))
    pks = [row[0] for row in rows]
    theme_keys = list(listed.model.themes.through.objects.filter(project_id__in=pks)
                      .values_list("topic__translation_key", flat=True))
    topic_counts = Counter(row[1] for row in rows if row[1]) + Counter(theme_keys)
    strategy_counts = Counter(code for row in rows for code in row[5].split(",") if code)
    topics = Topic.objects.filter(locale=page.locale, translation_key__in=topic_counts) \
        .order_by("kind", "name")

    def entry(key, label, value, count):
        return {"label": label, "count": count, "active": current.get(key) == str(value),
                "url": _filter_url(page, current, **{key: None if current.get(key) ==
                                                     str(value) else value})}

    phases = Counter(row[2] for row in rows)
    types = Counter(row[3] for row in rows)
    years = Counter(row[4] for row in rows)
    return {
        "topics": [entry("topic", t.name, t.slug, topic_counts[t.translation_key])
                   for t in topics],
        "phases": [entry("phase", label, value, phases[value])
                   for value, label in Phase.choices if phases[value]],
        "organisation_types": [entry("organisation_type", label, value, types[value])
                               for value, label in OrganisationType.choices
                               if types[value]],
        "years": [entry("year", year, year, years[year]) for year in sorted(years,
                                                                        reverse=True)],
        "strategy_counts": strategy_counts,
        "total": len(rows),
    }


# --- One project -----------------------------------------------------------------


def project(request, page, pk):
    project = _project(request, pk)
    project = consent.with_consent(type(project).objects.filter(pk=pk)) \
        .select_related("product_group").prefetch_related("themes", "owners",
                                                          "documents").get()
    localize_topics([project], page.locale)
    owner = consent.is_owner(request.user, project)
    _link_owners(project)
    if owner:
        project.invited = invitations.pending_for_project(project)
        project.awaits_confirmation = (not project.listed
                                       and consent.awaits_confirmation(project))
    if project.listed:
        # Interest in shared projects only: an unlisted one is nobody else's business.
        analytics.record_view(request, project)
    return _render(request, page, "catalogue/project.html", {
        "project": project, "is_owner": owner,
        "show_contact": consent.contact_shown(request.user, project),
        "map_rows": strategy_map(chosen=project.strategies),
        "strategies": [STRATEGIES[c] for c in project.strategies if c in STRATEGIES],
    })


def _link_owners(project):
    """``project.owner_links`` [(name, profile address or None)], and
    ``contact_profile_url`` when the contact person is an owner: names link to
    profiles only where their members let others see them (members.consent)."""
    owners = list(project.owners.all())
    urls = member_consent.profile_urls([o.pk for o in owners], get_language())
    project.owner_links = [(o.full_name, urls.get(o.pk)) for o in owners]
    contact = (project.contact_email or "").strip().lower()
    project.contact_profile_url = next(
        (urls.get(o.pk) for o in owners if contact and o.email == contact), None)


def document(request, page, pk, document_pk):
    """A project's file, only for those who may see the project (never from /media/)."""
    project = _project(request, pk)
    document = get_object_or_404(project.documents, pk=document_pk)
    response = file_response(request, document.file.name, document.file.storage)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Writing --------------------------------------------------------------------------


def new(request, page):
    return _form(request, page, None)


def edit(request, page, pk):
    return _form(request, page, _own_project(request, pk))


def _form(request, page, project):
    texts = _consent_texts()
    post = request.method == "POST"
    form = ProjectForm(request.POST if post else None, request.FILES if post else None,
                       locale=page.locale, user=request.user, project=project,
                       consent_texts=texts,
                       initial=projects.initial_for(request.user, project))
    if post and form.is_valid():
        before = set(invitations.pending_for_project(project)) if project else set()
        saved = projects.save(request.user, form.cleaned_data, project)
        messages.success(request, _("Your project is saved."))
        if set(invitations.pending_for_project(saved)) - before:
            # The same words for every address: no hint of who has an account.
            messages.info(request, _("The colleagues you invited become co-owners once "
                                     "they accept the invitation."))
        return redirect(page.url_for("project", pk=saved.pk))
    chosen = form["strategies"].value() or []
    return _render(request, page, "catalogue/project_form.html", {
        "form": form, "project": project,
        "map_rows": strategy_map(chosen=chosen),
    })


def delete(request, page, pk):
    project = _own_project(request, pk)
    if request.method == "POST":
        projects.delete(project)
        messages.success(request, _("The project is deleted."))
        return redirect(page.url_for("mine"))
    return _render(request, page, "catalogue/delete.html", {"project": project})


def project_consent(request, page, pk):
    project = _own_project(request, pk)
    texts = _consent_texts()
    current = consent.state(project)
    form = ConsentForm(request.POST if request.method == "POST" else None,
                       consent_texts=texts, user=request.user, project=project,
                       initial={"consent_listing": current[consent.LISTING],
                                "consent_contact": current[consent.CONTACT]})
    if request.method == "POST" and form.is_valid():
        changed = consent.set_consents(request.user, project, {
            consent.LISTING: form.cleaned_data["consent_listing"],
            consent.CONTACT: form.cleaned_data["consent_contact"]})
        if changed:
            messages.success(request, _("Your choice is recorded and applies at once."))
        return redirect(page.url_for("consent", pk=pk))
    return _render(request, page, "catalogue/consent.html", {
        "project": project, "form": form, "history": consent.history(project),
        "current": current,
    })


def confirm_listing(request, page, pk):
    """A remaining owner shows the project again after an owner left (one action)."""
    project = _own_project(request, pk)
    if request.method != "POST":
        return redirect(page.url_for("project", pk=pk))
    consent.confirm_listing(request.user, project)
    messages.success(request, _("The project is shown to other participants again."))
    return redirect(page.url_for("project", pk=pk))


def mine(request, page):
    own = list(consent.with_consent(request.user.catalogue_projects.all())
               .order_by("-updated_at", "-pk"))
    for project in own:
        project.awaits_confirmation = (not project.listed
                                       and consent.awaits_confirmation(project))
    return _render(request, page, "catalogue/my_projects.html", {
        "projects": own, "invitations": invitations.pending_for(request.user)})


def accept_invitation(request, page, pk):
    if request.method != "POST":
        return redirect(page.url_for("mine"))
    if invitations.accept(request.user, pk) is None:
        raise Http404
    messages.success(request, _("You are now a co-owner of this project."))
    return redirect(page.url_for("project", pk=pk))


def decline_invitation(request, page, pk):
    if request.method != "POST":
        return redirect(page.url_for("mine"))
    if not invitations.decline(request.user, pk):
        raise Http404
    messages.success(request, _("The invitation is declined."))
    return redirect(page.url_for("mine"))


# --- Contact ---------------------------------------------------------------------------


def contact(request, page, pk):
    project = _project(request, pk)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            projects.relay(request.user, project, form.cleaned_data["subject"],
                           form.cleaned_data["message"], page.url_for("project", pk=pk))
        except projects.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your message is sent. The contact person "
                                        "answers you by email."))
            return redirect(page.url_for("project", pk=pk))
    return _render(request, page, "catalogue/contact.html", {
        "project": project, "form": form,
        "show_contact": consent.may_see_contact(request.user, project),
        "messages_left": projects.messages_left(request.user),
    })


# --- Coordination -----------------------------------------------------------------------


def coordination(request, page):
    if not consent.is_coordinator(request.user):
        raise PermissionDenied
    listed = list(consent.listed_projects().values_list("phase", "strategy_codes"))
    phases = Counter(phase for phase, _codes in listed)
    strategies = Counter(c for _phase, codes in listed for c in codes.split(",") if c)
    records = ConsentRecord.objects.select_related("user", "text", "project") \
        .order_by("-pk")[:200]
    return _render(request, page, "catalogue/coordination.html", {
        "total": len(listed),
        "all_projects": consent.projects_shown_to(request.user).count(),
        "phases": [(label, phases[value]) for value, label in Phase.choices],
        "map_rows": strategy_map(strategies),
        "versions": consent.consents_by_version(),
        "records": records,
    })


def export(request, page):
    if not consent.is_coordinator(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="leerkring-projects.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(["id", "title", "organisation", "organisation_type", "product_group",
                     "themes", "strategies", "phase", "year", "contact_name",
                     "contact_email", "contact_phone", "url"])
    listed = consent.listed_projects().select_related("product_group") \
        .prefetch_related("themes").order_by("pk")
    for project in listed:
        with_contact = bool(project.contact_consented)
        writer.writerow([spreadsheet_safe(v) for v in [
            project.pk, project.title, project.organisation,
            project.get_organisation_type_display(),
            project.product_group.name if project.product_group else "",
            "; ".join(t.name for t in project.themes.all()),
            " ".join(project.strategies), project.get_phase_display(), project.year,
            project.contact_name if with_contact else "",
            project.contact_email if with_contact else "",
            project.contact_phone if with_contact else "",
            request.build_absolute_uri(page.url_for("project", pk=project.pk)),
        ]])
    return response
