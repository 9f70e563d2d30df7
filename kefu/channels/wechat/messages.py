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
    }
)
