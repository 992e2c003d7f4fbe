"""Accounts URLs: signing in and out, two-factor, administration."""

from django.urls import path

from safer.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.SignedOutView.as_view(), name="signed-out"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("two-factor/enrol/", views.TwoFactorEnrolView.as_view(), name="two-factor-enrol"),
    path("admin/", views.AdminHomeView.as_view(), name="admin-home"),
    path("admin/organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("admin/organisations/new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("admin/organisations/<int:pk>/", views.OrganisationUpdateView.as_view(), name="organisation-update"),
    path("admin/users/", views.UserListView.as_view(), name="user-list"),
    path("admin/users/new/", views.UserCreateView.as_view(), name="user-create"),
    path("admin/users/<int:pk>/", views.UserUpdateView.as_view(), name="user-update"),
    path("admin/users/<int:pk>/reset-two-factor/", views.UserTwoFactorResetView.as_view(), name="user-2fa-reset"),
    path("admin/users/<int:pk>/unlock/", views.UserUnlockView.as_view(), name="user-unlock"),
]
