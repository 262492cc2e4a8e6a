"""User management, for admins only: accounts, roles, disabling, and never losing the last admin."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash
from flask_admin.actions import action
from wtforms import PasswordField
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from webapp.admin.base import SecureModelView
from webapp.auth import LAST_ADMIN
from webapp.auth import MIN_PASSWORD_LENGTH
from webapp.auth import SessionCSRFForm
from webapp.auth import active_admins
from webapp.db import db
from webapp.models import Role
from webapp.models import User
from webapp.words import plural


class UserForm(SessionCSRFForm):
    """Never copies the password field onto the user: ``on_model_change`` hashes it."""

    def populate_obj(self, obj) -> None:
        for name, field_ in self._fields.items():
            if name != "password":
                field_.populate_obj(obj, name)


def was_active_admin(user: User) -> bool:
    history = sa.inspect(user).attrs
    role = (history.role.history.deleted or [user.role])[0]
    active = (history.active.history.deleted or [user.active])[0]
    return Role(role) is Role.ADMIN and bool(active)


class UserView(SecureModelView):
    read_role = Role.ADMIN
    write_role = Role.ADMIN
    form_base_class = UserForm

    column_list = ("username", "role", "active", "last_login_at", "created_at")
    column_labels = {"last_login_at": "Last login"}
    column_sortable_list = ("username",)
    column_default_sort = "username"
    column_searchable_list = ("username",)
    column_filters = ("role", "active")
    column_details_list = ("id", "username", "role", "active", "last_login_at", "created_at")
    form_columns = ("username", "role", "active", "password")
    form_excluded_columns = ("password_hash", "revisions")
    form_extra_fields = {
        "password": PasswordField(
            "Password",
            [Optional(), Length(min=MIN_PASSWORD_LENGTH, max=1024)],
            description="Required for a new user; leave empty to keep the current password.",
            render_kw={"autocomplete": "new-password"},
        )
    }

    def on_model_change(self, form, model: User, is_created: bool) -> None:
        if form.password.data:
            model.set_password(form.password.data)
        elif is_created:
            raise ValidationError("A new user needs a password.")
        demoted = was_active_admin(model) and not (model.role == Role.ADMIN and model.active)
        if demoted and not active_admins(excluding=model):
            raise ValidationError(LAST_ADMIN)

    def on_model_delete(self, model: User) -> None:
        if model.role == Role.ADMIN and model.active and not active_admins(excluding=model):
            raise ValidationError(LAST_ADMIN)

    def _set_active(self, ids, active: bool) -> int:
        users = db.session.scalars(sa.select(User).where(User.id.in_(self.row_keys(ids)))).all()
        for user in users:
            user.active = active
        if not active and not active_admins():
            db.session.rollback()
            flash(LAST_ADMIN, "error")
            return 0
        db.session.commit()
        return len(users)

    @action("disable", "Disable", "Disable the selected users? They are logged out at once.")
    def action_disable(self, ids) -> None:
        if count := self._set_active(ids, False):
            flash(f"Disabled {plural(count, 'user')}.", "success")

    @action("enable", "Enable")
    def action_enable(self, ids) -> None:
        flash(f"Enabled {plural(self._set_active(ids, True), 'user')}.", "success")


def add_views(admin) -> None:
    admin.add_view(UserView(User, db, name="Users", endpoint="user"))
