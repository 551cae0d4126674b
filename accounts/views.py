"""Mitt konto: the reader's own comments, profile, data download and account deletion."""

from allauth.account.views import SignupView as AllauthSignupView
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from discussion.own import comments_of, describe

COMMENTS_PER_PAGE = 20


@login_required
def home(request):
    paginator = Paginator(comments_of(request.user), COMMENTS_PER_PAGE)
    comments = paginator.get_page(request.GET.get("sida"))
    return render(
        request,
        "accounts/home.html",
        {"comments": comments, "rows": describe(comments.object_list), "page_title": _("Mitt konto")},
    )


class SignupView(AllauthSignupView):
    """allauth's sign-up, answering a form with errors with 400 rather than 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


signup = SignupView.as_view()
