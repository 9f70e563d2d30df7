"""The WeChat channel's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        # -- accounts (CLI and API errors) ------------------------------------------------------
        "wechat.account_not_found": {
            "zh-CN": "没有名为「{name}」的公众号接入",
            "zh-TW": "沒有名為「{name}」的公眾號接入",
            "en": "No WeChat official account named '{name}'",
        },
        "wechat.account_exists": {
            "zh-CN": "名为「{name}」的公众号接入已存在",
            "zh-TW": "名為「{name}」的公眾號接入已存在",
            "en": "A WeChat official account named '{name}' already exists",
        },
        "wechat.account_added": {
            "zh-CN": "已添加公众号接入「{name}」(AppID {appid},{mode})。请在公众平台把服务器地址(URL)设为 https://<本系统域名>/channels/wechat/{name}",
            "zh-TW": "已新增公眾號接入「{name}」(AppID {appid},{mode})。請在公眾平台把伺服器位址(URL)設為 https://<本系統網域>/channels/wechat/{name}",
            "en": "Added WeChat official account '{name}' (AppID {appid}, {mode}). In the WeChat admin console set the server URL to https://<this host>/channels/wechat/{name}",
        },
        "wechat.mode_safe": {
            "zh-CN": "可使用安全模式",
            "zh-TW": "可使用安全模式",
            "en": "safe mode available",
        },
        "wechat.mode_plain": {
            "zh-CN": "仅明文模式",
            "zh-TW": "僅明文模式",
            "en": "plain mode only",
        },
        "wechat.no_accounts": {
            "zh-CN": "尚未添加任何公众号接入",
            "zh-TW": "尚未新增任何公眾號接入",
            "en": "No WeChat official account yet",
        },
        "wechat.bad_name": {
            "zh-CN": "名称只能由字母、数字、下划线和连字符组成,最长 64 个字符(它是服务器地址的一部分)",
            "zh-TW": "名稱只能由字母、數字、底線和連字號組成,最長 64 個字元(它是伺服器位址的一部分)",
            "en": "The name may contain only letters, digits, '_' and '-', at most 64 characters (it is part of the server URL)",
        },
        "wechat.bad_appid": {
            "zh-CN": "AppID 无效:应为字母和数字(通常以 wx 开头),最长 32 个字符",
            "zh-TW": "AppID 無效:應為字母和數字(通常以 wx 開頭),最長 32 個字元",
            "en": "Invalid AppID: letters and digits (usually starting with wx), at most 32 characters",
        },
        "wechat.bad_token": {
            "zh-CN": "令牌(Token)无效:应为 1 至 64 个不含空白的 ASCII 字符",
            "zh-TW": "權杖(Token)無效:應為 1 至 64 個不含空白的 ASCII 字元",
            "en": "Invalid Token: 1 to 64 ASCII characters without spaces",
        },
        "wechat.bad_aes_key": {
            "zh-CN": "消息加解密密钥(EncodingAESKey)无效:必须是 43 位 Base64 字符(A–Z、a–z、0–9、+、/)",
            "zh-TW": "訊息加解密金鑰(EncodingAESKey)無效:必須是 43 位 Base64 字元(A–Z、a–z、0–9、+、/)",
            "en": "Invalid EncodingAESKey: it must be 43 Base64 characters (A–Z, a–z, 0–9, +, /)",
        },
        "wechat.bad_secret": {
            "zh-CN": "AppSecret 无效:应为 1 至 64 个不含空白的 ASCII 字符",
            "zh-TW": "AppSecret 無效:應為 1 至 64 個不含空白的 ASCII 字元",
            "en": "Invalid AppSecret: 1 to 64 ASCII characters without spaces",
        },
        # -- pushes refused -------------------------------------------------------------------
        "wechat.bad_signature": {
            "zh-CN": "微信签名校验失败,请求已拒绝",
            "zh-TW": "微信簽名校驗失敗,請求已拒絕",
            "en": "The WeChat signature does not match: request refused",
        },
        "wechat.bad_xml": {
            "zh-CN": "消息不是合法的 XML(或含有不允许的 DTD、实体声明)",
            "zh-TW": "訊息不是合法的 XML(或含有不允許的 DTD、實體宣告)",
            "en": "The message is not well-formed XML (or declares a DTD or entities, which are refused)",
        },
        "wechat.bad_message": {
            "zh-CN": "微信消息缺少必要的字段或字段无效",
            "zh-TW": "微信訊息缺少必要的欄位或欄位無效",
            "en": "The WeChat message lacks a required field or has an invalid one",
        },
        "wechat.no_aes_key": {
            "zh-CN": "该公众号接入未配置 EncodingAESKey,无法解密安全模式的消息",
            "zh-TW": "該公眾號接入未設定 EncodingAESKey,無法解密安全模式的訊息",
            "en": "This account has no EncodingAESKey: safe-mode messages cannot be decrypted",
        },
        "wechat.bad_encryption": {
            "zh-CN": "无法解密安全模式的消息:密文或填充无效",
            "zh-TW": "無法解密安全模式的訊息:密文或填充無效",
            "en": "The safe-mode message cannot be decrypted: bad ciphertext or padding",
        },
        "wechat.wrong_appid": {
            "zh-CN": "解密后的 AppID 与该公众号不符,请求已拒绝",
            "zh-TW": "解密後的 AppID 與該公眾號不符,請求已拒絕",
            "en": "The decrypted AppID is not this account's: request refused",
        },
        # -- how non-text messages read on a ticket -------------------------------------------
        "wechat.msg.image": {
            "zh-CN": "[图片] {url}",
            "zh-TW": "[圖片] {url}",
            "en": "[Image] {url}",
        },
        "wechat.msg.voice_recognised": {
            "zh-CN": "[语音] {text}",
            "zh-TW": "[語音] {text}",
            "en": "[Voice] {text}",
        },
        "wechat.msg.voice": {
            "zh-CN": "[语音] 未识别出文字(格式 {format},媒体 ID {media_id})",
            "zh-TW": "[語音] 未辨識出文字(格式 {format},媒體 ID {media_id})",
            "en": "[Voice] not transcribed (format {format}, media id {media_id})",
        },
        "wechat.msg.location": {
            "zh-CN": "[位置] {label} ({x}, {y})",
            "zh-TW": "[位置] {label} ({x}, {y})",
            "en": "[Location] {label} ({x}, {y})",
        },
        "wechat.msg.link": {
            "zh-CN": "[链接] {title}\n{description}\n{url}",
            "zh-TW": "[連結] {title}\n{description}\n{url}",
            "en": "[Link] {title}\n{description}\n{url}",
        },
        "wechat.msg.video": {
            "zh-CN": "[视频] 媒体 ID {media_id}",
            "zh-TW": "[影片] 媒體 ID {media_id}",
            "en": "[Video] media id {media_id}",
        },
        "wechat.msg.unsupported": {
            "zh-CN": "[{kind} 消息] 暂不支持显示,请在微信公众平台查看",
            "zh-TW": "[{kind} 訊息] 暫不支援顯示,請在微信公眾平台查看",
            "en": "[{kind} message] cannot be shown yet; see it in the WeChat admin console",
        },
        # -- the reply window (research §5.1) --------------------------------------------------
        "wechat.window_open": {
            "zh-CN": "可以回复:窗口内还可发送 {remaining} 条客服消息,截止 {closes_at}",
            "zh-TW": "可以回覆:窗口內還可發送 {remaining} 則客服訊息,截止 {closes_at}",
            "en": "Reply allowed: {remaining} more customer-service messages until {closes_at}",
        },
        "wechat.window_none": {
            "zh-CN": "客户还没有发来消息,不能主动发送客服消息",
            "zh-TW": "客戶還沒有發來訊息,不能主動發送客服訊息",
            "en": "The customer has not written yet: no customer-service message may be sent",
        },
        "wechat.window_expired": {
            "zh-CN": "距客户最后一条消息已超过 48 小时,微信不再允许发送客服消息,请改用其他渠道",
            "zh-TW": "距客戶最後一則訊息已超過 48 小時,微信不再允許發送客服訊息,請改用其他渠道",
            "en": "More than 48 hours since the customer's last message: WeChat allows no more customer-service messages; use another channel",
        },
        "wechat.window_quota_used": {
            "zh-CN": "本窗口的 {limit} 条客服消息已用完,需等客户再次发来消息",
            "zh-TW": "本窗口的 {limit} 則客服訊息已用完,需等客戶再次發來訊息",
            "en": "All {limit} customer-service messages of this window are used: wait for the customer to write again",
        },
        "wechat.event_window_none": {
            "zh-CN": "客户没有关注、点击菜单或扫码,没有可用的回复时间",
            "zh-TW": "客戶沒有關注、點擊選單或掃碼,沒有可用的回覆時間",
            "en": "The customer has not followed, clicked a menu or scanned a code: no reply window",
        },
        "wechat.event_window_expired": {
            "zh-CN": "关注、点击菜单或扫码后的 1 分钟回复时间已过",
            "zh-TW": "關注、點擊選單或掃碼後的 1 分鐘回覆時間已過",
            "en": "The 1 minute after following, a menu click or a scan has passed",
        },
        "wechat.event_window_quota_used": {
            "zh-CN": "关注、点击菜单或扫码后可发的 {limit} 条消息已用完",
            "zh-TW": "關注、點擊選單或掃碼後可發的 {limit} 則訊息已用完",
            "en": "All {limit} messages allowed after following, a menu click or a scan are used",
        },
        "wechat.window_unsubscribed": {
            "zh-CN": "客户已取消关注公众号,不能再发送客服消息",
            "zh-TW": "客戶已取消關注公眾號,不能再發送客服訊息",
            "en": "The customer unfollowed the account: no customer-service message may be sent",
        },
        # -- replies out (customer-service messages) -------------------------------------------
        "wechat.held_by_mail": {
            "zh-CN": "该回复未通过微信发出:{why}。已改为发送邮件至 {email}。",
            "zh-TW": "該回覆未透過微信發出:{why}。已改為寄送郵件至 {email}。",
            "en": "This reply was not sent on WeChat ({why}). It has been sent by mail to {email} instead.",
        },
        "wechat.held_in_portal": {
            "zh-CN": "该回复未通过微信发出:{why}。客户没有邮箱,回复保留在客户自助门户中,也可改用短信或电话联系。",
            "zh-TW": "該回覆未透過微信發出:{why}。客戶沒有電子郵件,回覆保留在客戶自助入口中,也可改用簡訊或電話聯絡。",
            "en": "This reply was not sent on WeChat ({why}). The customer has no email address: the reply waits in the customer portal; SMS or a call can reach them too.",
        },
        "wechat.fallback_mail_intro": {
            "zh-CN": "您好,微信暂时无法向您发送客服消息,以下是客服的回复:",
            "zh-TW": "您好,微信暫時無法向您發送客服訊息,以下是客服的回覆:",
            "en": "Hello, WeChat does not let us message you at the moment, so here is our reply:",
        },
        "wechat.send_failed": {
            "zh-CN": "微信客服消息发送失败(已尝试 {attempts} 次):{why}",
            "zh-TW": "微信客服訊息發送失敗(已嘗試 {attempts} 次):{why}",
            "en": "The WeChat customer-service message could not be sent ({attempts} attempts): {why}",
        },
        "wechat.fallback.mail": {
            "zh-CN": "窗口关闭时,回复将改为发送邮件至 {email}",
            "zh-TW": "窗口關閉時,回覆將改為寄送郵件至 {email}",
            "en": "When the window is closed, the reply goes by mail to {email}",
        },
        "wechat.fallback.portal": {
            "zh-CN": "窗口关闭时,回复将保留在客户自助门户中(客户没有邮箱)",
            "zh-TW": "窗口關閉時,回覆將保留在客戶自助入口中(客戶沒有電子郵件)",
            "en": "When the window is closed, the reply waits in the customer portal (no email address)",
        },
        "wechat.not_a_wechat_ticket": {
            "zh-CN": "该工单没有来自微信的消息,不能通过微信回复",
            "zh-TW": "該工單沒有來自微信的訊息,不能透過微信回覆",
            "en": "This ticket has no WeChat message: it cannot be answered on WeChat",
        },
        # -- what WeChat's error codes mean --------------------------------------------------
        "wechat.error.45015": {
            "zh-CN": "微信返回 45015,已超出 48 小时回复时限或客户已取消关注",
            "zh-TW": "微信回傳 45015,已超出 48 小時回覆時限或客戶已取消關注",
            "en": "WeChat answered 45015: past the 48-hour reply limit, or the customer unfollowed",
        },
        "wechat.error.43004": {
            "zh-CN": "微信返回 43004,客户未关注公众号",
            "zh-TW": "微信回傳 43004,客戶未關注公眾號",
            "en": "WeChat answered 43004: the customer does not follow the account",
        },
        "wechat.error.45047": {
            "zh-CN": "微信返回 45047,本窗口可发送的客服消息条数已用完",
            "zh-TW": "微信回傳 45047,本窗口可發送的客服訊息則數已用完",
            "en": "WeChat answered 45047: this window's customer-service messages are used up",
        },
        "wechat.error.-1": {
            "zh-CN": "微信系统繁忙(-1)",
            "zh-TW": "微信系統繁忙(-1)",
            "en": "WeChat is busy (-1)",
        },
        "wechat.error.45009": {
            "zh-CN": "公众号今日的接口调用次数已达上限(45009)",
            "zh-TW": "公眾號今日的介面呼叫次數已達上限(45009)",
            "en": "The account's daily API quota is used up (45009)",
        },
        "wechat.error.45011": {
            "zh-CN": "接口调用过于频繁(45011)",
            "zh-TW": "介面呼叫過於頻繁(45011)",
            "en": "The API was called too often (45011)",
        },
        "wechat.error.48001": {
            "zh-CN": "公众号没有客服消息接口的权限(48001),请在微信公众平台检查认证和接口权限",
            "zh-TW": "公眾號沒有客服訊息介面的權限(48001),請在微信公眾平台檢查認證和介面權限",
            "en": "The account is not authorised for the customer-service API (48001): check its verification and API permissions in the WeChat console",
        },
        "wechat.error.40003": {
            "zh-CN": "客户的 OpenID 无效(40003)",
            "zh-TW": "客戶的 OpenID 無效(40003)",
            "en": "The customer's OpenID is invalid (40003)",
        },
        "wechat.error.40007": {
            "zh-CN": "媒体文件 ID 无效或已过期(40007,微信只保存 3 天)",
            "zh-TW": "媒體檔案 ID 無效或已過期(40007,微信只保存 3 天)",
            "en": "Invalid or expired media id (40007; WeChat keeps media for 3 days)",
        },
        "wechat.error.40013": {
            "zh-CN": "AppID 无效(40013),请检查公众号接入设置",
            "zh-TW": "AppID 無效(40013),請檢查公眾號接入設定",
            "en": "Invalid AppID (40013): check the account's settings",
        },
        "wechat.error.40125": {
            "zh-CN": "AppSecret 无效(40125),请检查公众号接入设置",
            "zh-TW": "AppSecret 無效(40125),請檢查公眾號接入設定",
            "en": "Invalid AppSecret (40125): check the account's settings",
        },
        "wechat.error.40164": {
            "zh-CN": "本服务器的 IP 不在公众号的 IP 白名单中(40164)",
            "zh-TW": "本伺服器的 IP 不在公眾號的 IP 白名單中(40164)",
            "en": "This server's IP address is not on the account's allow list (40164)",
        },
        "wechat.error.45002": {
            "zh-CN": "消息内容过长(45002),请缩短后重新回复",
            "zh-TW": "訊息內容過長(45002),請縮短後重新回覆",
            "en": "The message is too long (45002): shorten it and reply again",
        },
        "wechat.error.40001": {
            "zh-CN": "access_token 无效(40001)",
            "zh-TW": "access_token 無效(40001)",
            "en": "Invalid access_token (40001)",
        },
        "wechat.error.40014": {
            "zh-CN": "access_token 格式不正确(40014)",
            "zh-TW": "access_token 格式不正確(40014)",
            "en": "Malformed access_token (40014)",
        },
        "wechat.error.42001": {
            "zh-CN": "access_token 已过期(42001)",
            "zh-TW": "access_token 已過期(42001)",
            "en": "The access_token has expired (42001)",
        },
        "wechat.error.other": {
            "zh-CN": "微信返回错误 {errcode}:{errmsg}",
            "zh-TW": "微信回傳錯誤 {errcode}:{errmsg}",
            "en": "WeChat answered error {errcode}: {errmsg}",
        },
        "wechat.error.unreachable": {
            "zh-CN": "无法连接微信接口:{detail}",
            "zh-TW": "無法連線微信介面:{detail}",
            "en": "WeChat's API could not be reached: {detail}",
        },
        "wechat.error.no_secret": {
            "zh-CN": "该公众号接入未配置 AppSecret,无法调用微信接口",
            "zh-TW": "該公眾號接入未設定 AppSecret,無法呼叫微信介面",
            "en": "This account has no AppSecret configured: WeChat's API cannot be called",
        },
        # -- media ----------------------------------------------------------------------------
        "wechat.media_kind.image": {"zh-CN": "图片", "zh-TW": "圖片", "en": "image"},
        "wechat.media_kind.voice": {"zh-CN": "语音", "zh-TW": "語音", "en": "voice message"},
        "wechat.media_too_large": {
            "zh-CN": "文件超过附件大小上限 {limit}",
            "zh-TW": "檔案超過附件大小上限 {limit}",
            "en": "the file is larger than the attachment limit of {limit}",
        },
        "wechat.media_failed": {
            "zh-CN": "客户发来的{kind}未能下载(已尝试 {attempts} 次):{why}",
            "zh-TW": "客戶發來的{kind}未能下載(已嘗試 {attempts} 次):{why}",
            "en": "The customer's {kind} could not be downloaded ({attempts} attempts): {why}",
        },
    }
)
