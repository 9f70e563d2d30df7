# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``users`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.user.username": {"zh-CN": "用户名", "zh-TW": "使用者名稱", "en": "Username"},
        "admin.user.display_name": {"zh-CN": "显示名", "zh-TW": "顯示名稱", "en": "Display name"},
        "admin.user.work_number": {"zh-CN": "工号", "zh-TW": "工號", "en": "Work number"},
        "admin.user.work_number_hint": {
            "zh-CN": "客户看到的署名为「客服N号」,可不填",
            "zh-TW": "客戶看到的署名為「客服N號」,可不填",
            "en": "Customers see replies signed “客服N号”; optional",
        },
        "admin.user.role": {"zh-CN": "角色", "zh-TW": "角色", "en": "Role"},
        "admin.user.password": {"zh-CN": "初始密码", "zh-TW": "初始密碼", "en": "Initial password"},
        "admin.user.new_password": {"zh-CN": "新密码", "zh-TW": "新密碼", "en": "New password"},
        "admin.user.status": {"zh-CN": "状态", "zh-TW": "狀態", "en": "Status"},
        "admin.user.active": {"zh-CN": "正常", "zh-TW": "正常", "en": "Active"},
        "admin.user.inactive_state": {"zh-CN": "已停用", "zh-TW": "已停用", "en": "Deactivated"},
        "admin.user.create": {"zh-CN": "新建账号", "zh-TW": "新建帳號", "en": "New account"},
        "admin.user.list": {"zh-CN": "账号列表", "zh-TW": "帳號列表", "en": "Accounts"},
        "admin.user.change_role": {"zh-CN": "改角色", "zh-TW": "改角色", "en": "Change role"},
        "admin.user.deactivate": {"zh-CN": "停用", "zh-TW": "停用", "en": "Deactivate"},
        "admin.user.reactivate": {"zh-CN": "启用", "zh-TW": "啟用", "en": "Reactivate"},
        "admin.user.reset": {"zh-CN": "重置密码", "zh-TW": "重設密碼", "en": "Reset password"},
        "admin.user.token_name": {"zh-CN": "令牌用途", "zh-TW": "權杖用途", "en": "Token purpose"},
        "admin.user.issue_token": {"zh-CN": "签发令牌", "zh-TW": "簽發權杖", "en": "Issue token"},
        "admin.user.token_once": {
            "zh-CN": "{user} 的新 API 令牌如下,只显示这一次,请立即复制保存:",
            "zh-TW": "{user} 的新 API 權杖如下,只顯示這一次,請立即複製保存:",
            "en": "The new API token of {user}, shown this once only; copy it now:",
        },
        "admin.role.agent": {"zh-CN": "客服", "zh-TW": "客服", "en": "Agent"},
        "admin.role.supervisor": {"zh-CN": "主管", "zh-TW": "主管", "en": "Supervisor"},
        "admin.role.admin": {"zh-CN": "管理员", "zh-TW": "管理員", "en": "Administrator"},
        "admin.user.not_found": {
            "zh-CN": "没有该账号",
            "zh-TW": "沒有該帳號",
            "en": "No such account",
        },
        "admin.user.bad_username": {
            "zh-CN": "用户名须为 2–64 位字母、数字或 . _ -,以字母或数字开头",
            "zh-TW": "使用者名稱須為 2–64 位字母、數字或 . _ -,以字母或數字開頭",
            "en": "2–64 letters, digits or . _ -, starting with a letter or digit",
        },
        "admin.user.password_short": {
            "zh-CN": "密码至少 {min} 位",
            "zh-TW": "密碼至少 {min} 位",
            "en": "At least {min} characters",
        },
        "admin.user.work_number_taken": {
            "zh-CN": "该工号已被占用",
            "zh-TW": "該工號已被使用",
            "en": "This work number is taken",
        },
        "admin.user.own_role": {
            "zh-CN": "不能降低自己的角色(请另一位管理员操作)",
            "zh-TW": "不能降低自己的角色(請另一位管理員操作)",
            "en": "You cannot lower your own role (ask another administrator)",
        },
        "admin.user.own_account": {
            "zh-CN": "不能停用自己的账号",
            "zh-TW": "不能停用自己的帳號",
            "en": "You cannot deactivate your own account",
        },
        "admin.user.inactive": {
            "zh-CN": "账号已停用,不能签发令牌",
            "zh-TW": "帳號已停用,不能簽發權杖",
            "en": "The account is deactivated: no token can be issued",
        },
        "admin.done.user_created": {
            "zh-CN": "账号已创建",
            "zh-TW": "帳號已建立",
            "en": "Account created",
        },
        "admin.done.role_changed": {
            "zh-CN": "角色已修改",
            "zh-TW": "角色已修改",
            "en": "Role changed",
        },
        "admin.done.deactivated": {
            "zh-CN": "账号已停用",
            "zh-TW": "帳號已停用",
            "en": "Account deactivated",
        },
        "admin.done.reactivated": {
            "zh-CN": "账号已启用",
            "zh-TW": "帳號已啟用",
            "en": "Account reactivated",
        },
        "admin.done.password_reset": {
            "zh-CN": "密码已重置,该用户需重新登录",
            "zh-TW": "密碼已重設,該使用者需重新登入",
            "en": "Password reset: the user must log in again",
        },
    }
)
