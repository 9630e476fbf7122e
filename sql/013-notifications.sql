-- Notifications (issue 15, domain.md §18): the outbox every stage change
-- writes to in its own transaction, the templates as data, the extra
-- recipients of an account, and what the timers already reminded of.

-- What each event says, per channel: zh-CN text with {parameters}
-- (lib/notify.c fills them).  An email's HTML part is made from the
-- same text.  Changed with SQL like every rule row; a message keeps the
-- words it was written with.
CREATE TABLE notification_template (
  event    VARCHAR(32)  NOT NULL,
  channel  VARCHAR(8)   NOT NULL,
  title    VARCHAR(120) NOT NULL,
  body     TEXT         NOT NULL,
  source   VARCHAR(64)  NOT NULL,
  as_of    DATE         NOT NULL,
  PRIMARY KEY (event, channel),
  CONSTRAINT notification_template_channel CHECK (channel IN ('sms', 'email', 'site'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO notification_template VALUES
('initial_approved','sms','初审通过','【备案】您的备案订单 {order_id}（{domains}）已通过初审，请登录备案系统完成拍照核验：{url}','domain.md §18 (AL-NOTIFY, TC-ORDER45)','2026-12-08'),
('initial_approved','email','备案订单 {order_id} 已通过初审','您好，\n\n您的备案订单 {order_id}（{subject_name}：{domains}）已通过服务商初审。\n\n下一步：拍照核验。请登录备案系统，按页面说明完成：\n{url}\n\n备案系统','domain.md §18','2026-12-08'),
('initial_approved','site','订单 {order_id} 已通过初审','您的备案订单已通过初审，请完成拍照核验。','domain.md §18','2026-12-08'),
('initial_rejected','sms','初审驳回','【备案】您的备案订单 {order_id}（{domains}）初审驳回 {count} 项，请登录备案系统按意见修改后重新提交：{url}','domain.md §18 (TC-ORDER45)','2026-12-08'),
('initial_rejected','email','备案订单 {order_id} 初审驳回','您好，\n\n您的备案订单 {order_id}（{subject_name}：{domains}）初审驳回，需要修改以下 {count} 项：\n\n{items}\n\n请登录备案系统修改后重新提交（只需修改被驳回的项目）：\n{url}\n\n备案系统','domain.md §18, §16','2026-12-08'),
('initial_rejected','site','订单 {order_id} 初审驳回','需要修改 {count} 项：\n{items}','domain.md §18','2026-12-08'),
('verification_approved','sms','核验通过','【备案】您的备案订单 {order_id} 拍照核验已通过，服务商将在 1 个工作日内提交管局。','domain.md §18 (TC-ORDER45)','2026-12-08'),
('verification_approved','email','备案订单 {order_id} 拍照核验已通过','您好，\n\n您的备案订单 {order_id}（{domains}）拍照核验已通过，服务商将在 1 个工作日内提交管局。管局受理后，工信部会向网站负责人的手机发送核验短信，收到后请按短信完成核验。\n\n备案系统','domain.md §18, §14','2026-12-08'),
('verification_approved','site','订单 {order_id} 拍照核验已通过','服务商将在 1 个工作日内提交管局。','domain.md §18','2026-12-08'),
('verification_rejected','sms','核验驳回','【备案】您的备案订单 {order_id} 核验照片未通过，请登录备案系统按说明重新拍摄：{url}','domain.md §18 (TC-ORDER45)','2026-12-08'),
('verification_rejected','email','备案订单 {order_id} 核验照片未通过','您好，\n\n您的备案订单 {order_id}（{domains}）核验照片未通过：\n\n{items}\n\n请按说明重新拍摄后再提交核验：\n{url}\n\n备案系统','domain.md §18, §13','2026-12-08'),
('verification_rejected','site','订单 {order_id} 核验照片未通过','{items}','domain.md §18','2026-12-08'),
('bureau_submitted','sms','已提交管局','【备案】您的备案订单 {order_id} 已提交管局。{sms_hint}','domain.md §18, §14','2026-12-08'),
('bureau_submitted','email','备案订单 {order_id} 已提交管局','您好，\n\n您的备案订单 {order_id}（{domains}）已提交{province}管局审核，最长 {bureau_days} 个工作日。\n\n{sms_hint}\n\n审核期间请保持电话畅通，管局可能来电核实。查看进度：\n{url}\n\n备案系统','domain.md §18, §14, T7','2026-12-08'),
('bureau_submitted','site','订单 {order_id} 已提交管局','{sms_hint}','domain.md §18','2026-12-08'),
('sms_code','sms','工信部短信核验','【工业和信息化部】您的 ICP 备案短信核验验证码为 {code}，请在 {deadline} 前打开 {miit_url} ，输入手机号码、验证码和证件号码后 6 位完成核验。（模拟）','domain.md §14 (AL-SMS-B)','2026-12-08'),
('sms_reminder','sms','短信核验即将超时','【备案】工信部短信核验将于 {deadline} 截止，请尽快按短信完成核验，超时备案会被退回。','domain.md §14, §18','2026-12-08'),
('sms_reminder','email','备案订单 {order_id} 的短信核验即将超时','您好，\n\n工信部发给网站负责人（{mobile}）的核验短信将于 {deadline} 截止。请尽快打开短信中的链接完成核验；超时或连续输错 {max_tries} 次，备案会被退回服务商。\n\n备案系统','domain.md §14, §18','2026-12-08'),
('sms_reminder','site','订单 {order_id} 短信核验即将超时','请在 {deadline} 前完成工信部短信核验。','domain.md §14','2026-12-08'),
('sms_failed','sms','短信核验未通过','【备案】您的备案订单 {order_id} 工信部短信核验未通过（{why}），已退回服务商，服务商会联系您。','domain.md §14, §16 R14','2026-12-08'),
('sms_failed','email','备案订单 {order_id} 短信核验未通过','您好，\n\n您的备案订单 {order_id}（{domains}）工信部短信核验未通过：{why}。\n\n备案已退回服务商。服务商会重新提交管局（届时会再发核验短信），或退回给您修改。\n\n备案系统','domain.md §14, §16 R14','2026-12-08'),
('sms_failed','site','订单 {order_id} 短信核验未通过','{why}。备案已退回服务商。','domain.md §14','2026-12-08'),
('approved','sms','备案成功','【备案】恭喜，{domains} 备案成功，网站备案号：{numbers}。请在网站首页底部放置备案号并链接到 https://beian.miit.gov.cn/ ，并在网站开通后 30 日内办理公安联网备案。','domain.md §17, §18','2026-12-08'),
('approved','email','备案成功：{numbers}','您好，\n\n恭喜，您的网站已通过管局审核：\n\n{number_lines}\n\n请完成以下事项：\n1. 在网站首页底部居中放置网站备案号，并链接到 https://beian.miit.gov.cn/ 。\n2. 网站开通之日起 30 日内，到全国互联网安全管理服务平台（www.beian.gov.cn）办理公安联网备案，并在网站首页展示公安备案号。\n\n备案系统','domain.md §17, §18 (TC-PSB)','2026-12-08'),
('approved','site','备案成功：{numbers}','请在网站首页底部放置备案号并链接到 https://beian.miit.gov.cn/ ；网站开通后 30 日内办理公安联网备案（www.beian.gov.cn）。','domain.md §18','2026-12-08'),
('bureau_rejected','sms','管局驳回','【备案】您的备案订单 {order_id} 被管局驳回（{reason_title}），请登录备案系统修改后重新提交：{url}','domain.md §18 (TC-ORDER45)','2026-12-08'),
('bureau_rejected','email','备案订单 {order_id} 被管局驳回','您好，\n\n您的备案订单 {order_id}（{domains}）被管局驳回。\n\n原因：{reason_title}\n管局说明：{note}\n\n请登录备案系统修改后重新提交，订单会重新经过服务商初审：\n{url}\n\n备案系统','domain.md §18, §16','2026-12-08'),
('bureau_rejected','site','订单 {order_id} 被管局驳回','{reason_title}：{note}','domain.md §18','2026-12-08'),
('expiry_reminder','sms','订单即将过期','【备案】您的备案订单 {order_id} 已创建 {days} 天，将于 {expires} 被清理，请尽快完成并提交：{url}','domain.md §18, §5.2 (AL-CLEAN)','2026-12-08'),
('expiry_reminder','email','备案订单 {order_id} 将于 {expires} 过期','您好，\n\n您的备案订单 {order_id} 已创建 {days} 天，还未完成。订单创建后 {ttl} 天仍未完成会被清理，已填写的信息和材料需要重新提交。\n\n请在 {expires} 前完成：\n{url}\n\n备案系统','domain.md §18, §5.2 (AL-CLEAN)','2026-12-08'),
('expiry_reminder','site','订单 {order_id} 将于 {expires} 过期','订单创建后 {ttl} 天仍未完成会被清理，请尽快完成。','domain.md §18','2026-12-08'),
('expired','sms','订单已过期','【备案】您的备案订单 {order_id} 创建后 {ttl} 天仍未完成，已被清理，占用的备案服务号已释放。','domain.md §18, §5.2','2026-12-08'),
('expired','email','备案订单 {order_id} 已过期','您好，\n\n您的备案订单 {order_id} 创建后 {ttl} 天仍未完成，已被清理，占用的备案服务号已释放。如需备案，请重新增加网站。\n\n备案系统','domain.md §18, §5.2','2026-12-08'),
('expired','site','订单 {order_id} 已过期','创建后 {ttl} 天仍未完成，已被清理。','domain.md §18','2026-12-08');

-- The outbox: one row a message, written in the transaction of the
-- change that causes it.  site: the message centre (recipient is the
-- account); sms and email go out through beian-worker, claimed with a
-- lease so that two workers never send one twice.
CREATE TABLE notification (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id   BIGINT UNSIGNED NOT NULL,
  order_id     BIGINT UNSIGNED NULL,
  event        VARCHAR(32)  NOT NULL,
  channel      VARCHAR(8)   NOT NULL,
  recipient    VARCHAR(254) NOT NULL,
  title        VARCHAR(255) NOT NULL,
  body         TEXT         NOT NULL,
  state        VARCHAR(8)   NOT NULL DEFAULT 'pending',
  tries        INT UNSIGNED NOT NULL DEFAULT 0,
  next_try_at  DATETIME     NOT NULL,
  lease_until  DATETIME     NULL,
  last_error   VARCHAR(255) NULL,
  created_at   DATETIME     NOT NULL,
  sent_at      DATETIME     NULL,
  read_at      DATETIME     NULL,
  KEY notification_due (state, next_try_at),
  KEY notification_account (account_id, channel, id),
  CONSTRAINT notification_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT notification_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT notification_channel CHECK (channel IN ('sms', 'email', 'site')),
  CONSTRAINT notification_state CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Up to 15 more people an account's messages go to (domain.md §18).
CREATE TABLE account_recipient (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(50)  NOT NULL,
  mobile      VARCHAR(20)  NULL,
  email       VARCHAR(254) NULL,
  KEY account_recipient_account (account_id),
  CONSTRAINT account_recipient_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the timers reminded of already: an order's lifetime (the last
-- day mark, 0 none), an SMS window.
ALTER TABLE filing_order ADD COLUMN expiry_reminded INT NOT NULL DEFAULT 0;
ALTER TABLE sms_check ADD COLUMN reminded_at DATETIME NULL;

-- The outbox's timers and limits.
INSERT INTO rule_key VALUES
('notify_max_tries','setting','count',1,20,8,'一条通知最多尝试发送的次数'),
('notify_lease_seconds','setting','seconds',10,3600,120,'发送中的通知被认领的时长'),
('sms_reminder_hours','setting','hour',1,48,4,'短信核验截止前多少小时提醒'),
('max_extra_recipients','setting','count',0,15,15,'账号可设置的额外通知接收人数'),
('expiry_reminder_first_days','setting','days',1,365,30,'订单创建后第一次提醒即将过期的天数'),
('expiry_reminder_second_days','setting','days',1,365,40,'订单创建后第二次提醒即将过期的天数');

INSERT INTO rule_setting VALUES
('notify_max_tries',8,'发送失败的通知按 1 分钟、5 分钟、30 分钟、2 小时……重试，最多 8 次。','issue 15','2026-12-08'),
('notify_lease_seconds',120,'认领后 120 秒内未完成的发送，视为中断并重试。','issue 15','2026-12-08'),
('sms_reminder_hours',4,'工信部短信核验截止前 4 小时提醒。','issue 15, domain.md §14','2026-12-08'),
('max_extra_recipients',15,'除主体负责人和网站负责人外，最多可再设置 15 位消息接收人。','domain.md §18 (AL-NOTIFY)','2026-12-08'),
('expiry_reminder_first_days',30,'订单创建后第 30 天提醒。','domain.md §18 (AL-CLEAN)','2026-12-08'),
('expiry_reminder_second_days',40,'订单创建后第 40 天再次提醒。','domain.md §18 (AL-CLEAN)','2026-12-08');
