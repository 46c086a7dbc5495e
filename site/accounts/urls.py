from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("URL", "login/"), views.LoginView.as_view(), name="login"),
    path(pgettext_lazy("URL", "logout/"), auth_views.LogoutView.as_view(), name="logout"),
    path(pgettext_lazy("URL", "account/"), views.profile, name="profile"),
    path(pgettext_lazy("URL", "account/my-data/"), views.my_data, name="my_data"),
    path(pgettext_lazy("URL", "account/my-data/download/"), views.download_my_data,
         name="download_my_data"),
    path(pgettext_lazy("URL", "account/delete/"), views.delete_account, name="delete_account"),
    path(
        pgettext_lazy("URL", "account/password/"),
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("password_change_done"),
        ),
        name="password_change",
    ),
    path(
        pgettext_lazy("URL", "account/password/changed/"),
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        pgettext_lazy("URL", "password-reset/"),
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        pgettext_lazy("URL", "password-reset/sent/"),
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        pgettext_lazy("URL", "password-reset/<uidb64>/<token>/"),
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        pgettext_lazy("URL", "password-reset/done/"),
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        pgettext_lazy("URL", "invitation/<uidb64>/<token>/"),
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]
