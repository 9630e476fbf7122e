-- Signing rules of the 真实性核验单 by province (domain.md T2 "other"):
-- where the bureau wants a fingerprint beside the signature.
INSERT INTO province_rule VALUES
('360000','verification_fingerprint','all',1,'江西：请在签字处按捺手印。','domain.md T2 (江西, tier C)','2026-11-28'),
('650000','verification_fingerprint','personal',1,'新疆：个人备案请在签字处按捺手印。','domain.md T2 (新疆, T17)','2026-11-28');
