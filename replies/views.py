"""The respondent's screens (not the admin, which respondents cannot open): the invitation's link,
sign-in, the plan's published work to answer, and the reply form.

A respondent sees only their invitation's plan's published critiques and assessments, and their
organisation's replies; everything else is a 404 to them. Replies are rate-limited per respondent
(settings.NAPWATCH_REPLIES_PER_HOUR)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.cache import never_cache

from critiques.models import Critique
from replies import services
from replies.forms import JoinForm, ReplyForm
from replies.models import Invitation, Reply, ReplyAttachment, Respondent
from scorecards.models import Assessment


@method_decorator(never_cache, name="dispatch")
class JoinView(View):
    """The invitation's link: the contact chooses a password and becomes its respondent."""

    template_name = "replies/join.html"

    def invitation(self, token: str) -> Invitation:
        invitation = Invitation.by_token(token)
        if invitation is None:
            raise Http404(gettext("This link has expired or has already been used."))
        return invitation

    def get(self, request, token: str):
        invitation = self.invitation(token)
        form = JoinForm(email=invitation.contact_email)
        return render(request, self.template_name, {"invitation": invitation, "form": form})

    def post(self, request, token: str):
        invitation = self.invitation(token)
        form = JoinForm(request.POST, email=invitation.contact_email)
        if form.is_valid():
            try:
                user = services.accept(
                    invitation=invitation,
                    email=invitation.contact_email,
                    password=form.cleaned_data["password1"],
                )
            except ValueError as exc:
                if str(exc) == "used":
                    raise Http404(gettext("This link has already been used.")) from exc
                form.add_error(
                    None,
                    gettext(
                        "An account already uses this e-mail address: ask napwatch to invite "
                        "another address."
                    ),
                )
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return HttpResponseRedirect(reverse("replies:home"))
        return render(
            request, self.template_name, {"invitation": invitation, "form": form}, status=400
        )


@method_decorator(never_cache, name="dispatch")
class RespondentLoginView(LoginView):
    template_name = "replies/login.html"
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        return reverse("replies:home")


class RespondentMixin:
    """Signed-in respondents only; `self.respondent` holds their invitation."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('replies:login')}?next={request.path}")
        respondent = (
            Respondent.objects.select_related("invitation__plan", "invitation__agency")
            .filter(user=request.user)
            .first()
        )
        if respondent is None:
            raise PermissionDenied(gettext("Only respondents invited by napwatch reply here."))
        self.respondent = respondent
        self.invitation = respondent.invitation
        self.plan = respondent.invitation.plan
        return super().dispatch(request, *args, **kwargs)


class HomeView(RespondentMixin, View):
    """The plan's published critiques and assessments, and the organisation's replies."""

    def get(self, request):
        critiques = (
            Critique.objects.published().for_plan(self.plan).with_target_links().order_by("key")
        )
        assessments = (
            Assessment.objects.published()
            .filter(plan=self.plan)
            .select_related("criterion", "plan")
            .order_by("criterion__order")
        )
        replies = (
            Reply.objects.filter(invitation=self.invitation)
            .select_related("critique", "assessment__criterion", "assessment__plan", "invitation")
            .prefetch_related("return_comments")
            .order_by("-created_at")
        )
        context = {
            "invitation": self.invitation,
            "plan": self.plan,
            "critiques": critiques,
            "assessments": assessments,
            "replies": replies,
        }
        return render(request, "replies/home.html", context)


class ReplyFormView(RespondentMixin, View):
    """Write a reply to one published critique or assessment of the plan, or correct one that a
    reviewer returned; it goes to review when sent."""

    def answered(self, kind: str, ref: str):
        if kind == "critique":
            return get_object_or_404(Critique.objects.published().for_plan(self.plan), key=ref)
        if kind == "assessment" and ref.isdigit():
            return get_object_or_404(
                Assessment.objects.published().filter(plan=self.plan).select_related("plan"),
                pk=int(ref),
            )
        raise Http404

    def reply(self, kind: str, ref: str, request) -> Reply:
        answered = self.answered(kind, ref)
        returned = request.GET.get("reply") or request.POST.get("reply")
        if returned:
            if not str(returned).isdigit():
                raise Http404
            return get_object_or_404(
                Reply.objects.filter(
                    invitation=self.invitation,
                    status=Reply.Status.DRAFT,
                    **{kind: answered},
                ),
                pk=int(returned),
            )
        return Reply(invitation=self.invitation, **{kind: answered})

    def render(self, request, form, reply, status=200):
        context = {"form": form, "reply": reply, "plan": self.plan, "invitation": self.invitation}
        return render(request, "replies/reply_form.html", context, status=status)

    def get(self, request, kind: str, ref: str):
        reply = self.reply(kind, ref, request)
        initial = {} if reply.pk else {"language": request.LANGUAGE_CODE}
        return self.render(request, ReplyForm(instance=reply, initial=initial), reply)

    def post(self, request, kind: str, ref: str):
        reply = self.reply(kind, ref, request)
        since = timezone.now() - timedelta(hours=1)
        recent = Reply.objects.filter(author=request.user, updated_at__gte=since).count()
        if recent >= settings.NAPWATCH_REPLIES_PER_HOUR:
            form = ReplyForm(request.POST, instance=reply)  # (its files are not read)
            form.is_valid()
            form.add_error(
                None,
                gettext(
                    "You have sent %(count)d replies in the last hour, the most we take: "
                    "please send this one later."
                )
                % {"count": recent},
            )
            return self.render(request, form, reply, status=429)
        form = ReplyForm(request.POST, request.FILES, instance=reply)
        if not form.is_valid():
            return self.render(request, form, reply, status=400)
        try:
            services.write_reply(
                reply=form.instance,
                user=request.user,
                attachments=form.cleaned_data["attachments"],
            )
        except services.TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(
            request, gettext("Thank you: your reply was sent to napwatch's reviewers.")
        )
        return HttpResponseRedirect(reverse("replies:home"))


@never_cache
def attachment(request, pk: int):
    """A reply's attachment, as a download: to anyone once the reply is published; before, only
    to its organisation's respondents and to those who may review replies; a 404 to all others
    (whether it exists is not told)."""
    found = ReplyAttachment.objects.select_related("reply").filter(pk=pk).first()
    if found is None or not may_download(request.user, found.reply):
        raise Http404
    try:
        opened = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None  # the row outlived its file (a storage restored without it)
    response = FileResponse(
        opened,
        as_attachment=True,
        filename=found.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def may_download(user, reply: Reply) -> bool:
    if reply.status == Reply.Status.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if user.has_perm("replies.view_reply") and user.is_staff:
        return True
    return Respondent.objects.filter(user=user, invitation_id=reply.invitation_id).exists()
