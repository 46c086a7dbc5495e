from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.module_loading import import_string

from . import dependencies, invalidate, scope_changed
from .scopes import SCOPES, STABLE


class CachingConfig(AppConfig):
    name = "caching"  # no models: never shown in the admin

    def ready(self):
        for scope, spec in SCOPES.items():
            for watch in spec.watches:
                label, fields = (watch, ()) if isinstance(watch, str) else (watch.label,
                                                                             watch.fields)
                model, through = _resolve(label)
                if through is not None:
                    m2m_changed.connect(_MoveOnSignal(scope), sender=through, weak=False,
                                        dispatch_uid=f"caching-{scope}-{label}")
                    _covers(dependencies.TABLE_SCOPES, scope, [through])
                else:
                    _watched.append((scope, model, frozenset(fields)))
                    _covers(dependencies.TABLE_SCOPES, scope, _with_subclasses(model))
            for label in spec.reads:
                _covers(dependencies.TABLE_SCOPES, scope, [apps.get_model(label)])
            for path in spec.signals:
                import_string(path).connect(_MoveOnSignal(scope), weak=False,
                                            dispatch_uid=f"caching-{scope}-{path}")
        for label in STABLE:
            dependencies.TABLE_SCOPES[apps.get_model(label)._meta.db_table] = None
        dependencies._ALL_TABLES.update(
            model._meta.db_table for model in apps.get_models(include_auto_created=True))
        post_save.connect(_model_changed, weak=False, dispatch_uid="caching-save")
        post_delete.connect(_model_changed, weak=False, dispatch_uid="caching-delete")

        # A process starting may follow a deploy (other templates, other code)
        # or a restored database: nothing kept before may be used.
        for scope in SCOPES:
            invalidate(scope)


_watched = []  # (scope, model class, fields that count or an empty set)
_scopes_of = {}  # model class -> [(scope, fields)], worked out on its first save


def _resolve(label):
    """(model, None) for "app.Model"; (None, through model) for "app.Model.field"."""
    app_label, model_name, *field = label.split(".")
    model = apps.get_model(app_label, model_name)
    if field:
        return None, model._meta.get_field(field[0]).remote_field.through
    return model, None


def _with_subclasses(model):
    return [other for other in apps.get_models() if issubclass(other, model)]


def _covers(table_scopes, scope, models):
    for model in models:
        table = model._meta.db_table
        table_scopes[table] = (table_scopes.get(table) or frozenset()) | {scope}


class _MoveOnSignal:
    """Moves ``scope`` on a signal (a many-to-many change, a page published)."""

    def __init__(self, scope):
        self.scope = scope

    def __call__(self, sender, action="post", **kwargs):
        if action.startswith("post"):  # a many-to-many change signals before and after
            scope_changed(self.scope)


def _model_changed(sender, instance, update_fields=None, **kwargs):
    if sender not in _scopes_of:
        _scopes_of[sender] = [(scope, fields) for scope, model, fields in _watched
                              if issubclass(sender, model)]
    for scope, fields in _scopes_of[sender]:
        if fields and update_fields is not None and not fields & set(update_fields):
            continue  # e.g. a login, which saves only last_login
        scope_changed(scope)
