-- Rules you can operate (issue: typed domain core).
--
-- A registry of every rule key beian reads, with what it governs, the
-- range of its values and its default: a province_rule or rule_setting row
-- with a key the registry does not hold is refused by its foreign key, so
-- a misspelt key in a migration or from beian-admin is an error, not a
-- rule nobody reads.  cgi/lib/rules.h lists the same keys for the code;
-- beian-admin check compares the two.
--
-- scope: 'province' (province_rule, per province and subject kind, national
-- defaults in province 000000) or 'setting' (rule_setting, one value).
CREATE TABLE rule_key (
  name           VARCHAR(48)  NOT NULL PRIMARY KEY,
  scope          VARCHAR(16)  NOT NULL,
  unit           VARCHAR(16)  NOT NULL,
  min_value      BIGINT       NOT NULL,
  max_value      BIGINT       NOT NULL,
  default_value  BIGINT       NOT NULL,
  description    VARCHAR(255) NOT NULL,
  CONSTRAINT rule_key_scope CHECK (scope IN ('province', 'setting')),
  CONSTRAINT rule_key_unit CHECK (unit IN ('flag', 'count', 'days',
    'business_days', 'hour', 'seconds', 'months', 'years', 'level')),
  CONSTRAINT rule_key_range CHECK (min_value <= default_value AND
    default_value <= max_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rule_key VALUES
('max_websites_per_order','province','count',1,100,10,'每个订单最多新增的网站数'),
('max_domains_per_order','province','count',0,100,0,'每个订单最多新增的域名数（0：不另设上限）'),
('owner_min_age','province','years',0,100,18,'网站负责人的最低年龄'),
('min_id_validity_days','province','days',0,3650,0,'负责人证件至少还要有效的天数'),
('emergency_differs','province','flag',0,1,1,'应急联系电话须与手机号码不同'),
('domain_cert_required','province','flag',0,1,0,'须上传域名证书'),
('min_domain_validity_days','province','days',0,3650,0,'域名至少还要有效的天数'),
('commitment_letter_required','province','flag',0,1,0,'须上传承诺书'),
('leader_must_be_legal_rep','province','flag',0,1,0,'单位主体负责人须为法定代表人'),
('auth_letter_when_owner_not_legal_rep','province','flag',0,1,0,'网站负责人不是法定代表人时须上传授权书'),
('local_mobile','province','flag',0,1,0,'负责人手机号码须为本地号码（提醒）'),
('verification_fingerprint','province','flag',0,1,0,'核验单签字处须按手印'),
('residence_permit_accepted','province','flag',0,1,1,'外省身份证的个人可用本省居住证备案'),
('bureau_review_business_days','province','business_days',1,60,20,'管局审核的最长工作日'),
('instance_min_subscription_months','setting','months',0,120,3,'包年包月实例至少购买的月数'),
('instance_forbid_payg','setting','flag',0,1,1,'按量付费实例不能备案'),
('instance_require_public_ip','setting','flag',0,1,1,'实例须有公网 IP'),
('instance_require_mainland','setting','flag',0,1,1,'实例须在中国内地'),
('instance_require_running','setting','flag',0,1,1,'实例须在运行'),
('instance_forbid_expired','setting','flag',0,1,1,'已过期的实例不能备案'),
('order_max_service_numbers','setting','count',1,100,10,'一个订单最多验证的备案服务号'),
('order_ttl_days','setting','days',1,365,45,'订单创建后多少天未完成即被清理'),
('sin_issue_max_per_call','setting','count',1,1000,20,'beian-admin 每次最多生成的备案服务号'),
('upload_min_brightness','setting','level',0,255,60,'照片平均亮度低于此值提示偏暗（0：不检查）'),
('upload_max_brightness','setting','level',0,255,235,'照片平均亮度高于此值提示过亮（0：不检查）'),
('upload_min_sharpness','setting','level',0,100000,40,'照片清晰度低于此值提示模糊（0：不检查）'),
('upload_flag_blocks_submit','setting','flag',0,1,1,'质量提示未处理的照片阻止提交'),
('handoff_ttl_seconds','setting','seconds',60,86400,600,'手机上传二维码的有效秒数'),
('handoff_max_active','setting','count',1,20,3,'一个订单同时有效的手机上传二维码数'),
('initial_review_sla_business_days','setting','business_days',1,30,1,'初审时限（工作日）'),
('review_due_hour','setting','hour',0,23,18,'审核期限当天的钟点（北京时间）'),
('worker_interval_seconds','setting','seconds',1,86400,60,'beian-worker 两次检查之间的秒数'),
('photo_review_sla_business_days','setting','business_days',1,30,1,'拍照核验审核时限（工作日）'),
('bureau_submit_sla_business_days','setting','business_days',1,30,1,'审核通过后提交管局的时限（工作日）');

-- The rule in force is the newest row whose date has come: a change is
-- scheduled by a row with a later as_of, and the history stays.
ALTER TABLE province_rule DROP PRIMARY KEY,
  ADD PRIMARY KEY (province, rule, subject_kind, as_of),
  ADD CONSTRAINT province_rule_key_fk FOREIGN KEY (rule) REFERENCES rule_key (name);
ALTER TABLE rule_setting DROP PRIMARY KEY,
  ADD PRIMARY KEY (name, as_of),
  ADD CONSTRAINT rule_setting_key_fk FOREIGN KEY (name) REFERENCES rule_key (name);
