"""Inbound mail parsing: real clients' shapes (fixtures in tests/fixtures/mail) and edge cases."""

from __future__ import annotations

import base64
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefu.channels.email import parse as parse_module
from kefu.channels.email.html_text import html_to_text, sanitise_html
from kefu.channels.email.parse import Address, ParsedMail, mentioned_ticket_numbers, parse_mail
from kefu.channels.email.quoting import trim_quoted

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mail"


def load(name: str) -> ParsedMail:
    return parse_mail((FIXTURES / name).read_bytes())


def mail(*headers: str, body: str | bytes = "") -> bytes:
    """A small message: header lines, then the body (str bodies are UTF-8)."""
    data = body.encode() if isinstance(body, str) else body
    return "\r\n".join(headers).encode() + b"\r\n\r\n" + data


def person(*extra: str, body: str = "你好") -> bytes:
    return mail(
        "From: Wang <wang@example.com>",
        "To: support@shop.example.com",
        "Subject: hello",
        "Message-ID: <m1@example.com>",
        "Date: Sun, 22 Nov 2026 10:00:00 +0800",
        "Content-Type: text/plain; charset=utf-8",
        *extra,
        body=body,
    )


def html_only(html: str, subject: str = "Re: 问题") -> bytes:
    return mail(
        "From: a@example.com",
        f"Subject: {subject}",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        body=base64.b64encode(html.encode()).decode(),
    )


# -- encodings ---------------------------------------------------------------------------------


def test_gbk_body_in_base64_is_decoded() -> None:
    parsed = load("foxmail_gb2312_base64.eml")
    # Declared gb2312, written with GBK-only characters (喆): decoded as GB18030, no defect.
    assert parsed.text.startswith("好的，谢谢。鞋子我明天寄回，快递单号 SF1234567890。")
    assert "王喆" in parsed.text
    assert parsed.defects == []


def test_rfc2047_words_declared_gb2312_keep_gbk_only_characters() -> None:
    parsed = load("foxmail_gb2312_base64.eml")
    assert parsed.subject == "回复：【工单 20261122-0007】退货申请已受理"
    assert parsed.sender == Address("王喆", "wangzhe@example.net")
    assert parsed.to == [Address("客服中心", "support@shop.example.com")]


def test_gb18030_body_in_quoted_printable_is_decoded() -> None:
    parsed = load("qq_gb18030_quoted_printable.eml")
    assert parsed.text == "您好，我是𠮷先生，订单 88886666 的发票抬头写错了，麻烦重开。"
    assert parsed.sender is not None and parsed.sender.name == "𠮷先生"


def test_big5_body_in_8bit_is_decoded() -> None:
    parsed = load("thunderbird_big5_flowed.eml")
    assert parsed.subject == "Re: 耳機保固"
    assert parsed.sender == Address("陳大文", "chan.taiman@example.com.tw")
    assert "請問這款耳機有沒有保固？" in parsed.text


def test_utf8_body_in_base64_is_decoded() -> None:
    parsed = load("netease163_utf8_base64.eml")
    assert parsed.text == "发票已经开好了吗？附件是我的开票信息。"
    assert parsed.sender == Address("李娜", "lina_1988@example.org")


def test_utf8_body_in_quoted_printable_is_decoded() -> None:
    parsed = load("gmail_utf8_quoted_printable.eml")
    assert parsed.text == "请问退款什么时候到账？已经过了5个工作日了。"
    assert parsed.subject == "Re: 【工单 20261122-0007】退款"


def test_encoded_words_that_split_a_character_are_joined_before_decoding() -> None:
    wang = "王".encode()
    first = base64.b64encode(wang[:2]).decode()
    second = base64.b64encode(wang[2:] + "小姐".encode()).decode()
    raw = person(f"Reply-To: =?utf-8?B?{first}?=\r\n =?utf-8?B?{second}?= <w@example.com>")
    assert parse_mail(raw).reply_to == [Address("王小姐", "w@example.com")]


def test_raw_8bit_headers_are_read_as_utf8_or_gbk() -> None:
    parsed = load("raw_8bit_headers.eml")
    assert parsed.sender == Address("孙丽", "sun.li@example.com")  # UTF-8 (RFC 6532)
    assert parsed.subject == "咨询发票"  # GBK bytes from an old gateway
    assert parsed.defects == ["Subject declared no charset but reads as gb18030"]


def test_undeclared_gbk_body_is_guessed_and_recorded() -> None:
    raw = mail("From: a@example.com", "Subject: x", body="退款到账了吗".encode("gbk"))
    parsed = parse_mail(raw)
    assert parsed.text == "退款到账了吗"
    assert "text/plain part declared no charset but reads as gb18030" in parsed.defects


def test_unknown_charset_falls_back_leniently_with_a_defect() -> None:
    raw = person(body="退款")
    raw = raw.replace(b"charset=utf-8", b"charset=x-made-up")
    parsed = parse_mail(raw)
    assert parsed.text == "退款"
    assert "unknown charset 'x-made-up' in text/plain part" in parsed.defects


def test_declared_charset_that_is_wrong_keeps_what_decodes() -> None:
    raw = person(body="退款").replace(b"charset=utf-8", b"charset=us-ascii")
    parsed = parse_mail(raw)
    assert parsed.text == "退款"
    assert "text/plain part declared us-ascii but reads as utf-8" in parsed.defects


def test_addresses_are_lower_cased_names_decoded_and_groups_skipped() -> None:
    parsed = load("outlook_web_en_underscores.eml")
    assert parsed.sender == Address("陈杰 Chen Jie", "chen.jie@example.com")
    assert parsed.reply_to == [Address("Chen Jie", "chen.jie+orders@example.com")]
    assert parsed.cc == [Address("Li, Ming", "li.ming@example.com")]


# -- attachments -------------------------------------------------------------------------------


def test_rfc2231_utf8_chinese_filename_is_decoded() -> None:
    (attachment,) = load("netease163_utf8_base64.eml").attachments
    assert attachment.filename == "开票信息（李娜）.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.content == b"%PDF-1.4 sample"
    assert not attachment.inline


def test_rfc2231_gb2312_filename_split_over_continuations_is_decoded() -> None:
    (attachment,) = load("rfc2231_gb2312_continuation.eml").attachments
    assert attachment.filename == "2026年11月售后服务申请表（王喆）.docx"
    assert attachment.content == b"docx bytes"


def test_rfc2047_filename_inside_quotes_is_decoded() -> None:
    (attachment,) = load("outlook_zh_header_block.eml").attachments
    assert attachment.filename == "退货单（王喆）.xlsx"
    assert attachment.content == b"PK\x03\x04xlsx"


def test_inline_image_is_kept_with_its_content_id() -> None:
    parsed = load("apple_mail_inline_image.eml")
    (image,) = parsed.attachments
    assert image.inline
    assert image.content_id == "5D7A1C2E-3B4F-4A6D-9E8F-0A1B2C3D4E5F"
    assert image.content.startswith(b"\x89PNG")
    assert parsed.html is not None
    assert 'src="cid:5D7A1C2E-3B4F-4A6D-9E8F-0A1B2C3D4E5F"' in parsed.html


def _mixed(*parts: str) -> bytes:
    body = "".join(f"--b\r\n{part}\r\n" for part in parts) + "--b--\r\n"
    return mail("From: a@example.com", 'Content-Type: multipart/mixed; boundary="b"', body=body)


def test_attachment_without_a_name_gets_a_fallback_name() -> None:
    raw = _mixed(
        "Content-Type: text/plain; charset=utf-8\r\n\r\n见附件",
        "Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ",
        "Content-Type: application/x-thing\r\n\r\nxyz",
    )
    parsed = parse_mail(raw)
    assert parsed.text == "见附件"
    assert [a.filename for a in parsed.attachments] == ["attachment-1.jpg", "attachment-2.bin"]


def test_apple_mail_inline_pdf_stays_an_attachment() -> None:
    raw = _mixed(
        "Content-Type: text/plain; charset=utf-8\r\n\r\n合同见附件",
        "Content-Type: application/pdf\r\nContent-Disposition: inline; filename=contract.pdf"
        "\r\n\r\n%PDF",
    )
    (pdf,) = parse_mail(raw).attachments
    assert (pdf.filename, pdf.inline) == ("contract.pdf", False)


def test_filenames_keep_only_the_base_name() -> None:
    raw = _mixed(
        'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
        '..\\\\..\\\\Windows\\\\evil.exe"\r\n\r\nMZ',
    )
    assert parse_mail(raw).attachments[0].filename == "evil.exe"


# -- bodies ------------------------------------------------------------------------------------


def test_multipart_alternative_prefers_text_plain_but_keeps_sanitised_html() -> None:
    raw = mail(
        "From: a@example.com",
        'Content-Type: multipart/alternative; boundary="alt"',
        body="--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain version\r\n"
        "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<p onclick='x()'>html <b>version</b></p><script>steal()</script>\r\n--alt--\r\n",
    )
    parsed = parse_mail(raw)
    assert parsed.text == parsed.full_text == "plain version"
    assert parsed.html == "<p>html <b>version</b></p>"


def test_an_empty_plain_alternative_defers_to_the_html() -> None:
    raw = mail(
        "From: a@example.com",
        'Content-Type: multipart/alternative; boundary="alt"',
        body="--alt\r\nContent-Type: text/plain\r\n\r\n \r\n"
        "--alt\r\nContent-Type: text/html\r\n\r\n<div>只有网页版</div>\r\n--alt--\r\n",
    )
    assert parse_mail(raw).text == "只有网页版"


def test_html_only_mail_is_turned_into_text() -> None:
    parsed = load("html_only_complaint.eml")
    assert parsed.text == (
        "客服您好：\n\n我要投诉，配送员态度很差。\n详细情况：\n\n- 下单时间：11月20日\n"
        "- 订单号：88886666\n商品 数量\n运动鞋 1\n\n请尽快处理  谢谢！点我 查看物流"
    )
    assert parsed.full_text == parsed.text


def test_html_is_sanitised_for_display() -> None:
    html = load("html_only_complaint.eml").html
    assert html is not None
    for unsafe in ("<script", "onload", "onerror", "javascript:", "<style", "ignored title"):
        assert unsafe not in html
    assert '<a href="https://track.example.com/x" rel="noopener noreferrer nofollow">' in html
    assert sanitise_html('<img src="cid:a@b">') == '<img src="cid:a@b">'


def test_mail_without_any_html_part_has_no_html() -> None:
    assert load("thunderbird_big5_flowed.eml").html is None


def test_html_to_text_breaks_blocks_and_lines_and_drops_invisible_parts() -> None:
    html = (
        "<head><style>p{}</style><title>t</title></head><div>一<br>二</div><div>三</div>"
        "<p>四</p><script>var x = 1;</script><pre>  五\n  六</pre><ol><li>七</li></ol>"
    )
    assert html_to_text(html) == "一\n二\n三\n\n四\n\n  五\n  六\n\n- 七"


def test_format_flowed_lines_are_joined_and_the_signature_stays() -> None:
    parsed = load("thunderbird_big5_flowed.eml")
    assert parsed.text == "請問這款耳機有沒有保固？我在台灣購買的，發票 遺失了。\n\n-- \n陳大文"


# -- quoted history ----------------------------------------------------------------------------


def test_qq_foxmail_original_message_separator_is_trimmed() -> None:
    parsed = load("foxmail_gb2312_base64.eml")
    assert parsed.text == "好的，谢谢。鞋子我明天寄回，快递单号 SF1234567890。\n王喆"
    assert "------------------ 原始邮件 ------------------" in parsed.full_text
    assert parsed.full_text.endswith("您好，您的退货申请已受理，请在7天内寄回商品。")


def test_outlook_chinese_quote_is_trimmed_but_kept_in_full_text() -> None:
    parsed = load("outlook_zh_header_block.eml")
    assert parsed.text == "你好，\n\n退货单已填好，见附件。\n\n王喆"
    assert "发送时间: 2026年11月22日 10:15" in parsed.full_text
    assert parsed.full_text.endswith("您好，请下载附件中的退货单，填好后回复本邮件。")


def test_outlook_english_header_block_and_underscores_are_trimmed() -> None:
    parsed = load("outlook_web_en_underscores.eml")
    assert parsed.text.endswith("Can I exchange it again?\n\nThanks,\nChen Jie")
    assert "________________________________\nFrom: Customer Service" in parsed.full_text


@pytest.mark.parametrize(
    "separator",
    ["-----Original Message-----", "-----原始邮件-----", "---- 回复的原邮件 ----"],
)
def test_original_message_separators_are_trimmed(separator: str) -> None:
    text = f"收到，谢谢。\n\n{separator}\nFrom: 客服\n您好，已发货。"
    assert trim_quoted(text) == "收到，谢谢。"


def test_gmail_attribution_wrapped_over_two_lines_is_trimmed() -> None:
    parsed = load("gmail_utf8_quoted_printable.eml")
    assert parsed.text == "请问退款什么时候到账？已经过了5个工作日了。"
    assert "support@shop.example.com> wrote:\n\n> 您好，退款已原路退回" in parsed.full_text


def test_chinese_attribution_with_quoted_lines_is_trimmed() -> None:
    parsed = load("netease163_utf8_base64.eml")
    assert parsed.text == "发票已经开好了吗？附件是我的开票信息。"
    assert (
        '在 2026-11-22 10:15:00，"客服中心" <support@shop.example.com> 写道：' in parsed.full_text
    )


@pytest.mark.parametrize(
    "attribution",
    [
        "On Nov 22, 2026, at 10:15, 客服中心 <s@shop.example.com> wrote:",  # Apple Mail
        'On 22/11/2026, 10:15, "客服中心" <s@shop.example.com> wrote:',  # Outlook for Mac
        "客服中心 <s@shop.example.com> 于2026年11月22日周日 10:15写道：",  # Gmail in Chinese
        "2026年11月22日 10:15，客服中心 <s@shop.example.com> 写道：",  # Apple Mail in Chinese
        "在 2026年11月22日 10:15，王小姐 <a@b.cn> 写道：",  # Foxmail, QQ
        "客服中心 於 2026/11/22 上午 10:15 寫道:",  # Thunderbird in traditional Chinese
    ],
)
def test_attributions_of_the_common_clients_are_trimmed(attribution: str) -> None:
    assert trim_quoted(f"好的\n\n{attribution}\n> 请确认\n") == "好的"
    assert trim_quoted(f"好的\n\n{attribution}\n请确认\n") == "好的"


@pytest.mark.parametrize(
    "block",
    [
        "发件人: 客服 <s@shop.example.com>\n时间: 2026年11月22日 10:15\n收件人: 王\n主题: 退货",
        "寄件者: 客服 <s@shop.example.com>\n寄件日期: 2026年11月22日 10:15\n收件者: 王\n主旨: 退貨",
        '------------------ Original ------------------\nFrom: "客服"<s@shop.example.com>;',
        "*From:* 客服 <s@shop.example.com>\n*Sent:* Sunday\n*To:* 王\n*Subject:* 退货",
    ],
)
def test_header_blocks_of_the_common_clients_are_trimmed(block: str) -> None:
    assert trim_quoted(f"好的\n\n{block}\n\n请确认") == "好的"


def test_foxmail_attribution_without_quote_marks_is_trimmed() -> None:
    text = "好的\n\n在 2026年11月22日 10:15，王小姐 <a@b.cn> 写道：\n您好，请问还有问题吗？"
    assert trim_quoted(text) == "好的"


def test_traditional_chinese_attribution_is_trimmed() -> None:
    assert "寫道" not in load("thunderbird_big5_flowed.eml").text


def test_gmail_quote_div_is_dropped_from_html_text() -> None:
    html = (
        '<div dir="ltr">新问题</div><br><div class="gmail_quote"><div class="gmail_attr">'
        "On Sun, Nov 22, 2026 at 10:15 AM 客服 &lt;s@shop.example.com&gt; wrote:<br></div>"
        '<blockquote class="gmail_quote">旧内容</blockquote></div>'
    )
    parsed = parse_mail(html_only(html))
    assert parsed.text == "新问题"
    assert "> 旧内容" in parsed.full_text


def test_blockquote_cite_is_dropped_from_html_text() -> None:
    html = (
        "<div>收到了，谢谢</div><div><br></div><div class='moz-cite-prefix'>On 11/22/26 10:15,"
        ' Support wrote:<br></div><blockquote type="cite">请确认收货</blockquote>'
    )
    parsed = parse_mail(html_only(html))
    assert parsed.text == "收到了，谢谢"
    assert parsed.full_text.endswith("> 请确认收货")


def test_netease_reply_content_blockquote_is_dropped() -> None:
    html = (
        "<div>好的</div><pre><br>在 2026-11-22 10:15:00，&quot;客服&quot; &lt;s@shop.example.com"
        '&gt; 写道：</pre><blockquote id="isReplyContent">请提供订单号</blockquote>'
    )
    assert parse_mail(html_only(html)).text == "好的"


def test_outlook_html_reply_is_trimmed_at_its_header_block() -> None:
    html = (
        "<p class=MsoNormal>已付款<o:p></o:p></p><div style='border-top:solid #E1E1E1 1.0pt'>"
        "<p class=MsoNormal><b>发件人:</b> 客服 &lt;s@shop.example.com&gt;<br><b>发送时间:</b>"
        " 2026年11月22日 10:15<br><b>收件人:</b> 王 &lt;w@example.com&gt;<br><b>主题:</b>"
        " 付款</p></div><p class=MsoNormal>请付款</p>"
    )
    parsed = parse_mail(html_only(html))
    assert parsed.text == "已付款"
    assert parsed.full_text.endswith("主题: 付款\n请付款")


def test_inline_answers_between_quoted_lines_are_kept() -> None:
    text = (
        "On Sun, 22 Nov 2026, Support <s@shop.example.com> wrote:\n"
        "> 请提供订单号\n88886666\n> 和收货地址\n上海市浦东新区\n"
    )
    assert trim_quoted(text) == "88886666\n上海市浦东新区"


def test_ordinary_text_ending_in_xie_dao_is_not_an_attribution() -> None:
    text = "快递单上写道：\n易碎品，请轻放。\n可是箱子还是碎了。"
    assert trim_quoted(text) == text


def test_a_reply_that_is_only_quote_shows_the_full_text() -> None:
    body = "> 请问还需要帮助吗？\n> 客服"
    parsed = parse_mail(person(body=body))
    assert parsed.text == parsed.full_text == body


def test_forwarded_mail_keeps_the_forwarded_content() -> None:
    body = (
        "请看下面这封\n\n-----原始邮件-----\n发件人: 快递\n发送时间: 今天\n主题: 丢件\n您的包裹丢失"
    )
    raw = person(body=body).replace(b"Subject: hello", "Subject: 转发: 丢件".encode())
    assert parse_mail(raw).text.endswith("您的包裹丢失")


# -- automatic mail ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied"),
        (
            "Auto-Submitted: auto-generated; owner-email=x@example.com",
            "Auto-Submitted: auto-generated",
        ),
        ("X-Autoreply: yes", "X-Autoreply: yes"),
        ("X-Autorespond: Vacation", "X-Autorespond: Vacation"),
        ("Precedence: bulk", "Precedence: bulk"),
        ("Precedence: junk", "Precedence: junk"),
        ("Precedence: list", "Precedence: list"),
        ("Precedence: auto_reply", "Precedence: auto_reply"),
        ("X-Auto-Response-Suppress: OOF, AutoReply", "X-Auto-Response-Suppress: OOF, AutoReply"),
    ],
)
def test_auto_reply_headers_are_recognised(header: str, reason: str) -> None:
    assert parse_mail(person(header)).auto_reply == reason


@pytest.mark.parametrize(
    "header", ["Auto-Submitted: no", "X-Auto-Response-Suppress: DR, RN, NRN", "Precedence: first"]
)
def test_a_persons_mail_is_not_automatic(header: str) -> None:
    assert parse_mail(person(header)).auto_reply is None


def test_exchange_out_of_office_is_an_auto_reply() -> None:
    parsed = load("exchange_out_of_office.eml")
    assert parsed.auto_reply == "Auto-Submitted: auto-generated"
    assert not parsed.bounce


def test_chinese_vacation_reply_with_only_a_subject_is_an_auto_reply() -> None:
    assert load("vacation_reply_subject_only.eml").auto_reply == "Subject: 自动回复"


def test_dsn_bounce_gives_the_bounced_message_id() -> None:
    parsed = load("dsn_postfix_rfc822.eml")
    assert parsed.bounce
    assert parsed.bounced_message_id == "ack-20261122-0007@shop.example.com"
    assert parsed.auto_reply == "Auto-Submitted: auto-replied"
    assert "Recipient address rejected: User unknown" in parsed.text
    assert [a.content_type for a in parsed.attachments] == [
        "message/delivery-status",
        "message/rfc822",
    ]
    assert b"Message-ID: <ack-20261122-0007@shop.example.com>" in parsed.attachments[1].content


def test_dsn_with_rfc822_headers_gives_the_bounced_message_id() -> None:
    parsed = load("dsn_exchange_rfc822_headers.eml")
    assert parsed.bounce
    assert parsed.bounced_message_id == "refund-done-31@shop.example.com"
    assert parsed.auto_reply == "delivery status notification"
    assert parsed.text == "无法将邮件发送到 gone@example.com。"


def test_delayed_dsn_is_automatic_but_not_a_bounce() -> None:
    parsed = load("dsn_delayed.eml")
    assert not parsed.bounce
    assert parsed.bounced_message_id is None
    assert parsed.auto_reply == "delivery status notification"


def test_mailer_daemon_delay_warning_without_dsn_is_not_a_bounce() -> None:
    raw = person(body="still trying").replace(b"wang@example.com", b"MAILER-DAEMON@example.com")
    assert parse_mail(raw).bounce
    delayed = raw.replace(b"Subject: hello", b"Subject: Warning: message delayed 4 hours")
    assert not parse_mail(delayed).bounce


def test_postmaster_bounce_without_dsn_is_recognised() -> None:
    parsed = load("bounce_plain_postmaster.eml")
    assert parsed.bounce
    assert parsed.bounced_message_id == "ack-20261122-0009@shop.example.com"


def test_a_person_writing_to_postmaster_about_something_else_is_not_a_bounce() -> None:
    raw = person().replace(b"wang@example.com", b"postmaster@example.com")
    assert not parse_mail(raw).bounce


# -- headers -----------------------------------------------------------------------------------


def test_message_ids_are_read_without_angle_brackets_and_in_order() -> None:
    parsed = load("gmail_utf8_quoted_printable.eml")
    assert parsed.message_id == "CAF=k5xZ8s+Tq3=PqQ9Wq8kW2mWcO0d7m6Yx1b-+Ld4g7X@mail.gmail.com"
    assert parsed.references == [
        "ack-20261122-0007@shop.example.com",
        "reply-1@shop.example.com",
        "refund-20261122-0007@shop.example.com",
    ]
    assert parsed.in_reply_to == ["refund-20261122-0007@shop.example.com"]


def test_messy_reference_headers_are_cleaned() -> None:
    raw = mail(
        "From: a@example.com",
        "Message-ID: bare-id@example.com",
        "In-Reply-To: <x@example.com> (Wang's message of Sun, 22 Nov 2026)",
        "References: <a@example.com>,<b@exa\r\n mple.com> <a@example.com>",
    )
    parsed = parse_mail(raw)
    assert parsed.message_id == "bare-id@example.com"
    assert parsed.in_reply_to == ["x@example.com"]
    assert parsed.references == ["a@example.com", "b@example.com"]


def test_date_is_aware_utc() -> None:
    assert load("foxmail_gb2312_base64.eml").date == datetime(2026, 11, 22, 3, 2, 33, tzinfo=UTC)


def test_date_without_zone_is_utc_and_a_bad_date_is_a_defect() -> None:
    unzoned = person().replace(b"+0800", b"-0000")
    assert parse_mail(unzoned).date == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    bad = parse_mail(person().replace(b"Sun, 22 Nov 2026 10:00:00 +0800", b"yesterday"))
    assert bad.date is None
    assert "unparseable Date header 'yesterday'" in bad.defects


def test_folded_encoded_subject_is_whitespace_normalised() -> None:
    raw = person().replace(
        b"Subject: hello", b"Subject: =?utf-8?B?6YCA5qy+?=\r\n  =?utf-8?B?55Sz6K+3?=  \t(urgent)"
    )
    assert parse_mail(raw).subject == "退款申请 (urgent)"


# -- malformed mail ----------------------------------------------------------------------------


def test_mail_without_headers_is_parsed_with_defects() -> None:
    parsed = load("malformed_no_headers.eml")
    assert parsed.text == "我的快递到哪了？订单 88886666"
    assert parsed.sender is None and parsed.message_id is None and parsed.date is None
    assert {"missing From header", "missing Message-ID header", "missing Date header"} <= set(
        parsed.defects
    )


def test_broken_mime_boundary_is_parsed_with_defects() -> None:
    parsed = load("malformed_broken_boundary.eml")
    assert "I need help with order 88886666." in parsed.text
    assert "StartBoundaryNotFoundDefect in multipart/mixed part" in parsed.defects


def test_bad_base64_is_parsed_with_defects() -> None:
    parsed = load("malformed_bad_base64.eml")
    assert parsed.text.startswith("你好，我的订单还没发货")
    assert "InvalidBase64CharactersDefect in text/plain part" in parsed.defects
    assert "text/plain part is not valid utf-8; undecodable bytes replaced" in parsed.defects


def test_empty_input_is_parsed_with_defects() -> None:
    parsed = parse_mail(b"")
    assert (parsed.text, parsed.subject, parsed.sender, parsed.attachments) == ("", "", None, [])
    assert "missing From header" in parsed.defects


def test_a_hopeless_message_falls_back_to_its_raw_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> None:
        raise RecursionError

    monkeypatch.setattr(parse_module, "_walk", explode)
    parsed = parse_mail("Subject: x\n\n退款".encode())
    assert parsed.text == parsed.full_text == "Subject: x\n\n退款"
    assert parsed.defects == ["unparseable message (RecursionError); shown as raw text"]


def test_deeply_nested_multiparts_are_cut_with_a_defect() -> None:
    depth = 40
    head = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    raw = b"From: a@example.com\r\n" + head.encode() + b"Content-Type: text/plain\r\n\r\ndeep"
    parsed = parse_mail(raw)
    assert any("nested deeper" in defect for defect in parsed.defects)


def assert_storable(value: object) -> None:
    """Every string can be written to the database: valid UTF-8, no NUL."""
    if isinstance(value, str):
        value.encode("utf-8")
        assert "\x00" not in value
    elif isinstance(value, list | tuple):
        for item in value:
            assert_storable(item)
    elif is_dataclass(value):
        for item in fields(value):
            assert_storable(getattr(value, item.name))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert_storable(parse_mail(raw))


# Header names, raw 8-bit bytes, NULs and encoded NULs, in any order.
HEADER_SOUP = [
    b"Subject: ",
    b"From: ",
    b"Message-ID: <",
    b"Content-Type: ",
    b"Content-ID: ",
    b"X-Autoreply: ",
    b"<a@b>",
    b"text/h\xfftml",
    b"charset=\xfe",
    b"=?utf-8?B?AA==?=",
    b"\x00",
    b"\xff",
    b"\xcd\xcb",
    b"\r\n",
    b"\r\n\r\n",
    b" ",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HEADER_SOUP), max_size=40))
def test_raw_bytes_and_nul_in_headers_come_out_storable(pieces: list[bytes]) -> None:
    assert_storable(parse_mail(b"".join(pieces)))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(path.name for path in FIXTURES.glob("*.eml"))),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    st.integers(min_value=0),
)
def test_damaged_real_mails_never_raise(name: str, flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray((FIXTURES / name).read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    assert_storable(parse_mail(bytes(data[: cut % (len(data) + 1)])))


# -- ticket numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "Re: 20261122-0007 退货",
        "Re: [#20261122-0007] 退货",
        "回复：【工单 20261122-0007】退货申请已受理",
        "答复: 工单号20261122-0007",
        "工单-20261122-0007 补充材料",
    ],
)
def test_ticket_numbers_are_found_bare_and_in_brackets(subject: str) -> None:
    assert mentioned_ticket_numbers(subject) == ["20261122-0007"]


def test_a_bare_eight_digit_order_number_is_not_a_ticket_number() -> None:
    assert mentioned_ticket_numbers("订单 20261122 的发票") == []
    assert mentioned_ticket_numbers("订单 88886666 的发票") == []


def test_longer_digit_runs_and_impossible_days_are_not_ticket_numbers() -> None:
    assert mentioned_ticket_numbers("单号 120261122-0007 / 20261122-00071234x5-1") == [
        "20261122-00071234"
    ]
    assert mentioned_ticket_numbers("运单 88886666-0001, 20261399-0001") == []
    assert mentioned_ticket_numbers("电话 0755-12345678, 20261122-007") == []
    assert mentioned_ticket_numbers("序列 1234-20261122-0007") == []


def test_full_width_digits_are_read_as_ticket_numbers() -> None:
    assert mentioned_ticket_numbers("【工单 ２０２６１１２２－０００７】") == ["20261122-0007"]


def test_each_ticket_number_is_listed_once_in_order() -> None:
    subject = "合并 20261123-0002 和 20261122-0007 (20261123-0002)"
    assert mentioned_ticket_numbers(subject) == ["20261123-0002", "20261122-0007"]
