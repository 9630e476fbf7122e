-- Login failures counted per address as well as per login (issue 16):
-- the spraying check reads one address's recent failures.
ALTER TABLE login_failure ADD KEY login_failure_ip_at (ip, at);
