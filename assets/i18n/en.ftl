# dify-https's words in English (the default). Project Fluent syntax:
# https://projectfluent.org/fluent/guide/ — `{ $name }` is an argument; plural forms
# are chosen with `{ $count -> [one] ... *[other] ... }` (English: one, other).
# Spaces that matter at either end are written `{" "}`.
# Every message here has its twin in zh-CN.ftl with the same arguments (a test checks).

## Language choice
lang-not-utf8 = dify-https: the locale ({ $locale }) is not UTF-8, so Chinese cannot be shown: speaking English. Set LANG=zh_CN.UTF-8 for Chinese.

## The terminal UI (src/tui/strings.rs, src/tui/keys.rs)
tui-refused-no-domain = CERTBOT_DOMAIN is not set in .env: press w to set one up
tui-refused-no-certificate = There is no certificate to renew yet: press w to set one up
tui-remedy-renew = press r to renew now
tui-remedy-renew-and-ask-why = press r to renew now, then check why renewals did not run
tui-remedy-renew-and-schedule = press r to renew, and s to schedule it
tui-remedy-renew-to-see-why = press r: the renewal shows why
tui-remedy-force-renew = { $first }, then quit and run `dify-https renew --force`
tui-remedy-renew-then-doctor = press r to renew; if it persists, quit and run `dify-https doctor`
tui-remedy-reload-nginx = press r: a renewal reloads nginx
tui-remedy-set-up = press w to set it up
tui-remedy-set-up-again = press w to set it up again { $then }
tui-remedy-set-up-in-production = press w and choose production mode
tui-remedy-remove-stored-option = remove it from CERTBOT_OPTIONS (press w: production mode does)
tui-remedy-switch-https-on = press h to switch HTTPS on
tui-remedy-install-schedule = press s to install a twice-daily renewal
tui-remedy-read-log = see the output above (v shows all of certbot's log; l on the dashboard)
tui-remedy-name-compose = install Docker's compose plugin, or start dify-https with --compose
tui-remedy-proxy-forwards-80 = publish nginx on 80, or make sure a proxy forwards port 80 to it
tui-remedy-use-staging = fix the cause first and choose staging mode until it works
tui-remedy-replace-staging = quit, start dify-https again and answer y when it offers to replace the staging certificate
tui-remedy-docker-access = Your user may not use Docker: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), or start dify-https with sudo
tui-remedy-review-against-disk = Press Esc, then Enter, to review the change against .env as it is now

tui-dialog-quit-title = Quit?
tui-dialog-quit = Quit without applying? Nothing has been written to .env.
tui-dialog-quit-yes = quit
tui-dialog-stay = stay
tui-dialog-quit-before-run-title = Quit before the run?
tui-dialog-quit-before-run = The new settings are in .env, but no certificate has been requested and HTTPS is as it was. Quit now (run dify-https again to continue) or stay and press r?
tui-dialog-stop-run-title = Stop the run?
tui-dialog-stop-run = Stop the running command and everything it started? Steps done so far stay done; HTTPS is left as it was before the current step.
tui-dialog-stop-run-yes = stop
tui-dialog-stop-run-no = keep running
tui-dialog-override-title = Run anyway?
tui-dialog-override = { $failed } check(s) failed. A run that fails at Let's Encrypt counts toward its limit of 5 failed validations per hour. Run anyway?
tui-dialog-override-yes = run anyway
tui-dialog-override-no = back to the checks
tui-dialog-schedule-title = Install the renewal schedule?
tui-dialog-schedule = Twice a day: { $command } (quiet unless something happened). Writes { $files }.
tui-dialog-schedule-yes = install
tui-dialog-not-now = not now
tui-dialog-other-install-title = Another install's containers
tui-dialog-other-install = The compose project "{ $project }" also has containers from { $folders }. A renewal here would exec in and reload that install's nginx. Set COMPOSE_PROJECT_NAME in one install's .env to tell them apart. Renew anyway?
tui-dialog-other-install-yes = renew anyway
tui-dialog-do-not-run = do not run
tui-dialog-replace-staging-title = Replace the staging certificate?
tui-dialog-replace-staging = The certificate on disk is a staging one ({ $issuer }). certbot keeps renewing it from staging unless it is deleted first. Delete it and get a production certificate?
tui-dialog-replace-staging-yes = delete and run

tui-busy-checking-certificate = Checking the certificate
tui-busy-planning-schedule = Working out the renewal schedule
tui-busy-preparing = Reading .env and preparing the change
tui-busy-creating-env = Creating .env
tui-busy-writing-env = Writing .env
tui-busy-preflight = Checking before the run
tui-busy-checking = Checking
tui-env-created = Created .env from .env.example
tui-staging-not-replaced = Not run: certbot would keep renewing the staging certificate unless it is deleted first
tui-not-switched-other-install = Not switched: this compose project has another install's containers (see the dashboard)
tui-demo-schedule = Demo: in your Dify folder s installs a twice-daily renewal (a systemd timer or cron job)
tui-demo-renew = Demo: in your Dify folder r renews for real (the same script as the run you saw)
tui-already-set-up = Already set up for { $domain }: the certificate is in place (expires { $expires }) and .env has these settings. Nothing was run or recreated
tui-checks-failed = { $failed } check(s) failed: fix them and press c to check again, or o to run anyway
tui-no-url-to-upgrade = No public URL to upgrade (none names http://{ $domain } or localhost)
tui-urls-upgraded = { $count } public { $count ->
        [one] URL
       *[other] URLs
    } will be set to https://{ $domain } at the HTTPS switch
tui-urls-kept = { $count } public { $count ->
        [one] URL
       *[other] URLs
    } will be left as they are

tui-run-kind-renewal = Renewal
tui-run-kind-setup = Setup run
tui-run-finished = { $what } for { $domain } finished.
tui-certificate-expires = {"  "}The certificate expires { $date } ({ $path }).
tui-run-failed = { $what } for { $domain } failed at "{ $step }".
tui-fix = {"  "}Fix: { $words }
tui-run-stopped = { $what } for { $domain } stopped during "{ $step }": run dify-https again to continue.
tui-run-not-started = { $what } for { $domain } did not start: { $why }
tui-run-still-going = { $what } for { $domain } was still going when the wizard closed; it was stopped.
tui-demo-wrote = The demo wrote its copy's .env in { $folder }; nothing ran. In your Dify folder, `dify-https` does the same for real.
tui-env-written = .env in { $folder } has the new settings; no certificate was requested yet.
tui-env-written-backup = .env in { $folder } has the new settings (the old file is { $backup }); no certificate was requested yet.
tui-continue-with = {"  "}Continue with `dify-https` (r on the Applied screen), or by hand:
tui-demo-played = Demo: a recorded run played in { $folder }; nothing ran on this machine.
tui-look-further = Look further: dify-https --dir { $folder } status | logs | doctor
tui-cannot-install-schedule = cannot install the schedule: { $why }
tui-cannot-create-env = cannot create .env from .env.example: { $why }
tui-binary-not-found = cannot tell where this binary is: { $why }
tui-demo-checks = Demo: nothing is checked here. In a Dify folder this list checks Docker, compose, the ports, DNS and the challenge path before anything runs
tui-schedule-needs-root = The schedule is written under /etc, which needs root: quit and run `sudo dify-https schedule install`
tui-no-scheduler = Neither systemd nor cron runs here: `dify-https schedule install` prints the crontab line to add
tui-cannot-read = cannot read { $path }: { $why }

tui-screen-folder = Folder
tui-screen-domain = Domain
tui-screen-email = Email
tui-screen-mode = Mode
tui-screen-review = Review
tui-screen-applied = Applied
tui-screen-checks = Checks
tui-screen-run = Run
tui-screen-dashboard = Status
tui-screen-logs = certbot's log
tui-demo-tag = {" "}[demo]
tui-demo-run-title = Run · demo: a recording plays
tui-renewal-header = Renewal { $sep } { $domain }{" "}
tui-step-of = Step { $number }/{ $total } { $title }
tui-keys-title = Keys: { $screen }
tui-keys-any-key-closes = any key closes this

tui-key-scroll = scroll
tui-key-scroll-up = scroll up
tui-key-scroll-down = scroll down
tui-key-page-up = a page up
tui-key-page-down = a page down
tui-key-top = to the top
tui-key-end = to the end
tui-key-oldest = the oldest line
tui-key-newest = newest
tui-key-quit = quit
tui-key-keys = keys
tui-key-create-env = create .env
tui-key-use-settings = use these settings
tui-key-start = start
tui-key-back-to-dashboard = back to the dashboard
tui-key-next = next
tui-key-back = back
tui-key-mode = mode
tui-key-review = review
tui-key-apply = apply
tui-key-url-upgrade = URL upgrade
tui-key-play-run = play the run
tui-key-play-failure = play a failure
tui-key-run-now = run now
tui-key-run = run
tui-key-check-again = check again
tui-key-run-anyway = run anyway
tui-key-https-on = HTTPS on
tui-key-renew = renew
tui-key-schedule = schedule
tui-key-log = log
tui-key-wizard = wizard
tui-key-details = details
tui-key-stop = stop
tui-key-follow = follow
tui-key-dashboard = dashboard
tui-key-try-again = try again

tui-dash-when-certbot-renews = {" "}(when certbot renews it)
tui-dash-names = Names
tui-dash-issuer = Issuer
tui-dash-https = HTTPS
tui-dash-served = Served
tui-dash-running = Running
tui-dash-renewal = Renewal
tui-dash-last-run = Last run
tui-dash-test-ca = {" "}(test CA: not trusted)
tui-dash-served-other = another certificate: reload needed
tui-dash-up = up
tui-dash-restarting = restarting
tui-dash-idle = idle
tui-dash-down = down
tui-dash-systemd-timer = systemd timer
tui-dash-cron = cron
tui-dash-no-scheduled-run = no scheduled run yet
tui-dash-ready-https-off-before = The certificate is ready and HTTPS is off:{" "}
tui-dash-ready-https-off-after = {" "}switches it on (the setup's last steps).
tui-dash-custom-acme-server = {" "}(custom ACME server: { $server })
tui-dash-on = on
tui-dash-off = off
tui-dash-https-and-challenge = { $https } { $dot } challenge { $challenge }
tui-dash-http-still-served = {" "}{ $dot } http:// still served (no redirect; see README)
tui-dash-served-trusted = this certificate, trusted
tui-dash-served-untrusted = this certificate, not trusted by browsers
tui-dash-no-answer = no answer
tui-dash-no-answer-why = no answer ({ $why })
tui-dash-project = {" "}· project { $name }
tui-dash-also = , also { $folders }
tui-dash-last-run-ok = last run { $at } ok
tui-dash-last-run-failed = last run { $at } failed
tui-dash-next-run = {" "}{ $dot } next { $next }
tui-dash-checked-at-wide = Checked { $time } UTC, refreshes every 5 s
tui-dash-checked-at = Checked { $time } UTC
tui-dash-reading-status = Reading the status{ $ellipsis }

tui-run-skipped = skipped
tui-run-keep-it-renewed = Keep it renewed: press s to install the renewal schedule (a twice-daily `renew --quiet`).
tui-run-done = Done.
tui-run-fix = Fix:{" "}
tui-run-after-failed-renewal = The certificate nginx serves is unchanged; nothing after this step ran.
tui-run-after-failed-switch = HTTPS was switched back off; .env is as it was before the switch.
tui-run-after-failed-step = HTTPS is still off; nothing after this step ran.
tui-run-try-again-before = Once it is fixed,{" "}
tui-run-try-again-after = {" "}tries again from this step.
tui-run-continues-from-it = {" "}continues from it.
tui-run-note-mark = {"   "}note
tui-run-countdown = certbot waits { $left } s before renewing (its random delay)
tui-run-stopping = Stopping the running command{ $ellipsis }
tui-run-renewal-finished = { $check } Renewal finished. { $note }
tui-run-https-on = { $check } HTTPS is on: https://{ $domain } serves the new certificate.
tui-run-step-failed = { $cross } Step { $number } failed: { $error }
tui-run-stopped-during = Stopped during "{ $step }". HTTPS is as it was before this step;{" "}
tui-run-could-not-start = { $cross } Could not start: { $why }
tui-run-following = following
tui-run-scrolled-back = { $back } up, End follows
tui-run-all-of-the-log = all of certbot's log
tui-run-log-from-info = certbot's log from INFO
tui-run-output-rule = Output ({ $state }; { $detail })

tui-folder-dify-folder = Dify folder
tui-folder-compose-file = Compose file
tui-folder-project = Project
tui-folder-newer-layout = newer layout, no CERTBOT_* keys yet
tui-folder-classic-layout = classic layout
tui-folder-current-values = Current values
tui-folder-empty = (empty)
tui-folder-not-set = (not set)
tui-folder-missing = missing
tui-folder-settings-complete-before = These settings are complete:{" "}
tui-folder-settings-complete-after = {" "}goes straight to the Review with them.
tui-folder-create-env-before = Press{" "}
tui-folder-create-env-after = {" "}to create .env from .env.example, Dify's own first install step.
tui-folder-start-after = {" "}to choose the domain, email and mode.
tui-folder-env-lines = { $lines } lines, { $layout }
tui-folder-no-env = { $cross } No .env and no .env.example here: is this Dify's docker folder?

tui-applied-what-comes-next = What comes next, in the Dify folder:
tui-applied-demo-plays-1 = Demo:{" "}
tui-applied-demo-plays-2 = {" "}plays a run recorded from a real issuance,{" "}
tui-applied-demo-plays-3 = {" "}one that fails at the challenge. Nothing is contacted; only the sample folder changes.
tui-applied-run-now-after = {" "}to run these steps now, with live output and a check after each.
tui-applied-env-written = { $check } .env written.
tui-applied-backup-kept = The previous file is kept beside it as { $backup }.
tui-applied-nothing-written = { $check } .env already had these settings; nothing was written.
tui-applied-sample-folder-stays = The sample folder stays at { $folder } to look at.

tui-review-certificate-from = Certificate from:{" "}
tui-review-added = (added)
tui-review-later-at-the-switch = Later, at the HTTPS switch (once the certificate exists):
tui-review-line-by-line = The change, line by line:
tui-review-nothing-to-write = { $check } .env already has these settings: nothing to write.
tui-review-keys-that-change = Keys that change in .env ({ $count }):
tui-review-set-urls = {" "}set { $count } public { $count ->
        [one] URL
       *[other] URLs
    } to https://{ $domain }:{" "}
tui-review-left-alone = {"  "}{ $key }={ $value } left alone ({ $why })
tui-review-upgrade-yes = yes
tui-review-upgrade-no = no, keep them

tui-checks-count-failed = { $count } check(s) failed: Let's Encrypt would most likely refuse. Fix them first.
tui-checks-ready = Nothing failed ({ $warned } warning(s)): ready to run.
tui-checks-staging-in-the-way = A staging certificate ({ $issuer }) is in the way: you will be asked before it is deleted.

tui-mode-extra-options = Extra certbot options (optional)
tui-mode-always-added = { $option } is always added, so a renewal started here begins at once.

tui-field-domain = Domain
tui-field-email = Email
tui-field-domain-help = The public name people use to reach Dify, e.g. dify.acmecorp.io. Its DNS A/AAAA record must point at this server and port 80 must reach it: Let's Encrypt checks both.
tui-field-email-help = Let's Encrypt registers an account under this address for policy and security notices. It no longer sends expiry reminders, so keep an eye on the certificate's expiry.

tui-needs-a-terminal = the wizard needs a terminal; for scripts use `dify-https setup --domain ... --email ... --env-only`
tui-too-small = Terminal too small: dify-https needs { $min_width }x{ $min_height }, this one is { $width }x{ $height }. Enlarge it, or press Ctrl-C to quit.
tui-demo-folder-kept = The demo folder is kept at { $folder }
tui-run-crashed = the run stopped unexpectedly (a bug: { $why }); nothing after it ran
tui-dash-expires = expires { $date }
tui-dash-no-certificate = no certificate
tui-dash-attempt-succeeded = { $started } succeeded
tui-dash-attempt-skipped = { $started } skipped
tui-dash-attempt-failed = { $started } failed
tui-dash-attempt-unknown = { $started } unknown

## The command line (src/cli/strings.rs, src/cli/remedies.rs)
cli-status-verdict = Verdict
cli-status-domain = Domain
cli-not-set = (not set)
cli-status-project = Project
cli-status-expires = Expires
cli-status-expires-value = { $date } ({ $left }; { $renewal })
cli-status-names = Names
cli-status-issuer = Issuer
cli-status-issuer-test-ca = { $issuer } (test CA: not trusted)
cli-status-key = Key
cli-status-certificate = Certificate
cli-status-none = none
cli-status-custom-acme-server = custom ACME server: { $server }
cli-status-on = on
cli-status-off = off
cli-status-served = Served
cli-status-served-disk-trusted = the certificate on disk, trusted
cli-status-served-disk-untrusted = the certificate on disk, not trusted by browsers
cli-status-served-other-trusted = another certificate, trusted
cli-status-served-other-untrusted = another certificate, not trusted by browsers
cli-status-no-answer = no answer
cli-status-no-answer-why = no answer ({ $why })
cli-status-containers = Containers
cli-status-container-running = { $service } running
cli-status-container-restarting = { $service } restarting (crash loop)
cli-status-container-stopped = { $service } not running
cli-status-renewal = Renewal
cli-status-schedule = { $kind }, twice a day; { $last }
cli-status-schedule-next = { $kind }, twice a day, next { $next }; { $last }
cli-status-schedule-last = last run { $at } { $outcome }: { $message }
cli-status-schedule-none-yet = no scheduled run yet
cli-status-last-run = Last run
cli-attempt-succeeded = { $started } succeeded
cli-attempt-skipped = { $started } skipped
cli-attempt-failed = { $started } failed
cli-attempt-unknown = { $started } unknown
cli-cannot-write = cannot write { $path }: { $why }
cli-not-a-regular-file = it is { $kind }; give a regular file (or a new name in an existing folder)
cli-hard-linked = it has several hard links; give a file of its own
cli-no-such-folder = the folder { $folder } does not exist

cli-setup-renewal-due = Its renewal is due: renewing now.
cli-setup-apply-question = Apply this change to .env?
cli-setup-not-applied = not applied: .env is unchanged
cli-setup-not-applied-no-terminal = not applied: there is no terminal to ask on, and .env is unchanged. Run again with --yes to apply without asking
cli-setup-compose-rejected = { $why }. .env is unchanged
cli-setup-already-set-up = { $folder } is already set up for { $domain }: the certificate is in place (expires { $expires }) and .env has these settings. Nothing was written or recreated.
cli-setup-certificate-from = Certificate from: { $authority }
cli-note = note: { $text }
cli-warning = warning: { $text }
cli-setup-nothing-to-change = { $env } already has these settings; nothing to change.
cli-setup-changes-to = Changes to { $env }:
cli-setup-key-added = {"  "}{ $key }: (added) { $new }
cli-setup-wrote = Wrote { $path } (backup: { $backup })
cli-setup-left-alone = {"  "}{ $key }={ $value } left alone ({ $why })
cli-setup-urls-left-alone = Public URLs not changed by the HTTPS switch:
cli-setup-next-steps-in = Next steps, in { $folder }:
cli-setup-or-let-it-run = Or let dify-https run them, with live output and a check after each:
cli-setup-replace-staging-question = { $live } holds a staging certificate ({ $issuer }). Delete it so a production one can replace it?
cli-setup-staging-refused = { $live } holds a staging certificate, which certbot would keep renewing from staging. Run again with --replace-staging to delete it first. .env is unchanged

cli-run-stopping-signal = Stopping (signal): ending the running command and everything it started...
cli-run-stopping = Stopping: ending the running command and everything it started...
cli-run-press-again = Press Ctrl-C again within 5 seconds to stop the run.
cli-run-nothing-due = nothing was due
cli-run-more = More: `dify-https logs`, `dify-https doctor`.
cli-run-cannot-listen = cannot listen for signals: { $why }
cli-run-cannot-record = cannot record the run: { $why }
cli-run-cannot-record-into = cannot record the run into { $path }: { $why }
cli-run-could-not-record-run = dify-https renew: could not record this run: { $why }
cli-run-stopped-during = Stopped during "{ $step }". HTTPS is as it was before this step; run again to continue.
cli-run-step-failed = "{ $step }" failed; nothing after it ran
cli-run-busy = { $why }. Nothing was run
cli-run-renewed = renewed: the certificate now expires { $expires } (SHA-256 { $fingerprint }), and nginx serves it
cli-run-quiet-failed = "{ $step }" failed
cli-run-quiet-stopped = stopped during "{ $step }"
cli-run-quiet-failure = dify-https renew: { $what }; the certificate nginx serves is unchanged

cli-prompt-act-anyway = Act on that project anyway?
cli-prompt-not-done = not done: { $unchanged }
cli-prompt-not-done-no-terminal = not done: there is no terminal to ask on, and { $unchanged }. Run again with --yes to go ahead without asking
cli-prompt-other-install = the compose project "{ $project }" also has containers from { $folders }: compose would stop, recreate and exec in them from here. Give this install its own name (COMPOSE_PROJECT_NAME={ $suggested } in its .env)
cli-prompt-going-ahead = warning: { $what }; going ahead (--other-install-ok)
cli-prompt-other-install-no-terminal = { $what }, or run again with --other-install-ok. { $unchanged }

cli-schedule-needs-root = the schedule is written under /etc, which needs root: run it with sudo (nothing was written)
cli-nothing-changed = nothing was changed
cli-schedule-install-question = Install this renewal schedule?
cli-schedule-remove-question = Remove this renewal schedule?
cli-schedule-no-webhooks = no webhooks are configured: add them with `schedule install --notify URL`
cli-schedule-test-message = a test message from `dify-https schedule notify test`: this webhook works
cli-schedule-no-scheduler = Neither systemd nor cron runs here. Add this line to root's crontab (`sudo crontab -e`), without the leading "root":
cli-schedule-cannot-keep-webhooks = cannot keep the webhooks: { $why }
cli-schedule-webhook = Webhook ({ $format }): { $url } — `dify-https schedule notify test` sends a test message
cli-schedule-binary-not-found = cannot tell where this binary is: { $why }
cli-schedule-replacing = Replacing the schedule installed for project { $project }: { $files }
cli-schedule-cannot-install = cannot install the schedule: { $why }
cli-schedule-nothing-to-remove = No renewal schedule is installed for project { $project }: nothing to remove.
cli-schedule-removing = Removing { $files }
cli-schedule-cannot-remove = cannot remove the schedule: { $why }
cli-schedule-removed = Removed { $files }
cli-schedule-none-installed = No renewal schedule is installed for project { $project }: nothing here renews the certificate. `sudo dify-https schedule install` adds one.
cli-schedule-systemd-timer = systemd timer
cli-schedule-cron = cron
cli-schedule-renewed = renewed
cli-schedule-not-due = not due
cli-schedule-failed = failed
cli-schedule-kind = Kind
cli-schedule-files = Files
cli-schedule-runs = Runs
cli-schedule-when = When
cli-schedule-when-systemd = twice a day, after 0:00 and 12:00 (spread over an hour)
cli-schedule-when-cron = twice a day, after 0:00 and 12:00 (at a fixed minute)
cli-schedule-next = Next
cli-schedule-last-run = Last run
cli-schedule-none-yet = none yet
cli-schedule-sent-to = sent to { $url }
cli-schedule-not-delivered = not delivered to { $url }: { $why }

cli-backup-not-a-certificate = missing or not a certificate
cli-backup-env-already = {"  "}.env already has the archive's settings
cli-backup-env-from-archive = {"  "}.env settings from the archive:
cli-backup-switch-question = Switch nginx to HTTPS with the restored certificate now?
cli-backup-https-as-it-was = HTTPS is as it was
cli-backup-not-switched = HTTPS not switched. Do it later with the wizard (`dify-https`).
cli-backup-wrote-archive = Wrote { $path } (mode 0600: it holds the private keys; keep it as safe as the server)
cli-backup-archive-certificate = {"  "}{ $domain } ({ $names }), expires { $expires }, SHA-256 { $sha }
cli-backup-archive-entries = {"  "}{ $entries } entries of { $conf }, and { $settings } .env settings
cli-backup-on-the-new-server = On the new server: `dify-https restore { $archive }` in Dify's docker/ folder.
cli-backup-refused = { $archive } refused: { $why }. Nothing was changed
cli-backup-nothing-changed-because = { $why }. Nothing was changed
cli-backup-no-compose = { $why }. Nothing was changed (restore with --no-switch to put the files in place without compose)
cli-backup-restoring-from = Restoring from { $archive } (written { $created } by dify-https { $version }):
cli-backup-restoring-certificate = {"  "}{ $domain } ({ $names }), issued by { $issuer }, expires { $expires }, SHA-256 { $sha }
cli-backup-into-empty = {"  "}into { $conf } (empty now)
cli-backup-already-there = {"  "}this certificate is already in { $conf }: the files are put back as in the archive
cli-backup-others-saved = {"  "}{ $conf } holds other certificates: they are saved to { $to } first, then replaced
cli-backup-others-saved-fingerprint = {"  "}{ $conf } holds other certificates ({ $domain } has SHA-256 { $fingerprint }): they are saved to { $to } first, then replaced
cli-backup-restore-question-saving = Replace the certificates here with the archive's (after saving them) and write .env?
cli-backup-restore-question = Put the archive's certificates in place and write .env?
cli-backup-could-not-save = could not save the certificates there now ({ $why }); nothing was replaced
cli-backup-saved-to = Saved what was there to { $path } (mode 0600)
cli-backup-restore-failed = restoring into { $conf } failed: { $why }
cli-backup-restore-failed-saved = restoring into { $conf } failed: { $why }. What was there is in { $saved }
cli-backup-restored = Restored { $entries } entries into { $conf }
cli-backup-nginx-would-not-start = the certificates are in place, but with the archive's settings nginx would not find { $missing }; .env is unchanged
cli-backup-in-place-but = the certificates are in place, but { $why }
cli-backup-no-switch = HTTPS left as it is (--no-switch). Switch it on later with h on the dashboard (`dify-https --dir { $folder }`), which runs the setup's last steps for this certificate.

cli-history-same-as-now = same as now
cli-history-put-one-back = Put one back with `dify-https undo [NAME]` (the newest when no name is given).
cli-history-only-layout = {"  "}the same keys and values; only comments or layout differ
cli-history-put-back-question = Put this backup back?
cli-env-unchanged = .env is unchanged
cli-history-recreate-question = Recreate them now (compose up -d)?
cli-history-nothing-recreated = nothing was recreated
cli-history-other-services = the services that read it (api, web, worker, ...)
cli-history-no-backups-yet = { $env } has no backups yet (every write by dify-https leaves one beside it).
cli-history-backups-of = Backups of { $env }, newest first:
cli-history-differs-in = differs in { $keys }
cli-history-unreadable = cannot be read: { $why }
cli-history-not-a-backup = { $name } is not a backup of { $env } (see `dify-https history`)
cli-history-nothing-to-put-back = { $env } has no backups to put back (every write by dify-https leaves one)
cli-history-already-same = { $env } is already the same as { $backup }; nothing to change.
cli-history-nginx-would-not-start = { $backup } turns HTTPS on, but nginx would not find { $missing } and could not start; .env is unchanged
cli-history-putting-back = Putting back { $backup } (taken { $taken }) as { $env }:
cli-history-keys-that-change = {"  "}keys that change: { $keys }
cli-history-wrote = Wrote { $env } (the file it replaced is kept as { $kept_as }: `dify-https undo` again goes back to it)
cli-history-must-be-recreated = The containers read .env only when created: { $services } must be recreated for the change to take effect.
cli-history-recreate-by-hand = Recreate them with `docker compose up -d` in { $folder } ({ $why }).
cli-history-not-recreated = Not recreated. Do it later with `{ $command }`.

cli-create-env-question = { $folder } has no .env yet. Create it from .env.example (Dify's first install step)?
cli-no-env-yes = { $folder } has no .env. Create it with `cp .env.example .env` (Dify's first step), or run again with --yes
cli-no-env-setup = { $folder } has no .env. Create it with `cp .env.example .env` (Dify's first step), or let `dify-https setup --yes` create it
cli-cannot-create-env = cannot create .env from .env.example: { $why }
cli-env-created = Created { $path } from .env.example
cli-neither-env = { $folder } has neither .env nor .env.example: is this Dify's docker folder?
cli-cannot-create-demo = cannot create the demo folder: { $why }
cli-error-line = error: { $line }
cli-cannot-read = cannot read { $path }: { $why }
cli-permission-denied = cannot read { $path }: permission denied (certbot's files belong to root: run with sudo)
cli-nothing-run = nothing was run

cli-https-then-recreated = Then nginx is recreated and serves plain HTTP only; the certificate stays (switch back with `dify-https https on`).
cli-https-question = Switch HTTPS off?
cli-https-already-off = HTTPS is already off in { $env } (NGINX_HTTPS_ENABLED is not true); nothing to change.
cli-https-switching-off = Switching HTTPS off in { $env }:

cli-remedy-renew = run `dify-https renew` now
cli-remedy-renew-and-ask-why = run `dify-https renew` now and check why renewals did not run
cli-remedy-renew-and-schedule = run `dify-https renew`, and schedule it
cli-remedy-renew-to-see-why = `dify-https renew` shows why; `dify-https doctor` checks the rest
cli-remedy-force-renew = { $first }, then run `dify-https renew --force`
cli-remedy-renew-then-doctor = run `dify-https renew`; if it persists, `dify-https doctor`
cli-remedy-reload-nginx = run `docker compose exec nginx nginx -s reload` (or `dify-https renew`)
cli-remedy-set-up = run `dify-https setup` (or the wizard: `dify-https`)
cli-remedy-set-up-again = run `dify-https setup` again { $then }
cli-remedy-set-up-in-production = run the setup in production mode (`dify-https setup --mode production`)
cli-remedy-remove-stored-option = remove it from CERTBOT_OPTIONS (`dify-https setup` in production mode does)
cli-remedy-switch-https-on = switch it on with `dify-https https on`
cli-remedy-install-schedule = `sudo dify-https schedule install` adds a twice-daily renewal
cli-remedy-read-log = see the output above; `dify-https logs` shows certbot's full log
cli-remedy-name-compose = install Docker's compose plugin or name yours with --compose
cli-remedy-proxy-forwards-80 = publish nginx on 80, or make sure a proxy forwards port 80 to it (then pass --proxy-forwards-80)
cli-remedy-use-staging = fix the cause first and use staging mode (`--mode staging`) until it works
cli-remedy-replace-staging = run the setup again and allow replacing the staging certificate (--replace-staging)
cli-remedy-docker-access = Your user may not use Docker: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), run dify-https with sudo, or pass --compose "sudo docker compose".
cli-remedy-review-against-disk = Look at what changed, then run the setup again
tui-more = more

## Core: the status report (src/core/status/report.rs)
core-expired-days-ago = expired { $days } { $days ->
        [one] day
       *[other] days
    } ago
core-expired-today = expired today
core-expires-today = expires today
core-days-left = { $days } { $days ->
        [one] day
       *[other] days
    } left
core-renewal-overdue-since = renewal overdue since { $date }
core-renewal-due = renewal due { $date }
core-no-schedule = nothing here renews the certificate: no renewal schedule is installed
core-schedule-last-failed = the last scheduled renewal ({ $at }) failed: { $message }
core-schedule-stale = no scheduled renewal ran for 48 hours (the last: { $at }), although one is installed
core-schedule-check-timer = check the timer (`systemctl list-timers 'dify-https-*'`) or cron's log
core-schedule-never-ran = no scheduled renewal ran in the 48 hours since the schedule was installed
core-project-other-install = the compose project "{ $project }" is also another install's: its containers were created from { $folders }. Compose (and dify-https) would act on them from here
core-project-other-install-fix = give one install its own name: COMPOSE_PROJECT_NAME={ $name } in { $folder }'s .env, then `docker compose up -d` there
core-nginx-restarting = nginx keeps restarting (it exits right after starting)
core-nginx-restarting-why = nginx keeps restarting (it exits right after starting): { $line }
core-nginx-restarting-fix = `docker compose logs nginx` shows why; a missing certificate with HTTPS on is the usual cause (`dify-https doctor`)
core-nginx-not-running = nginx is not running
core-nginx-not-running-fix = `docker compose logs nginx` says why; `dify-https setup` switches HTTPS back off if the certificate is the problem
core-compose-ps-failed = could not ask compose which services run: { $why }
core-no-domain = no domain is set (CERTBOT_DOMAIN in .env)
core-cert-expired = the certificate { $when } ({ $date }): browsers refuse it
core-cert-not-yet-valid = the certificate is not valid until { $from }: browsers refuse it until then (is this host's clock right?)
core-check-clock = check the clock (`timedatectl`)
core-cert-expires-in = the certificate expires in { $days } { $days ->
        [one] day
       *[other] days
    } ({ $date })
core-renewals-not-running = { $renewal }: renewals are not running
core-cert-test-ca = the certificate is a test one ({ $issuer }): browsers do not trust it
core-cert-private-ca = the certificate comes from a private CA ({ $issuer }, ACME server { $server }): browsers trust it only where that CA is installed
core-cert-private-ca-fix = fine for an internal site whose users trust that CA; for Let's Encrypt remove --server from CERTBOT_OPTIONS and run the setup in production mode
core-domain-mismatch = CERTBOT_DOMAIN is { $domain }, but the certificate names { $names }
core-for-this-domain = for this domain
core-fullchain-has-key = fullchain.pem also holds a private key (not shown): whoever can read the certificate chain has the key
core-fullchain-has-key-fix = remove the key block from fullchain.pem (the renewal replaces the key)
core-fullchain-order = fullchain.pem is in the wrong order: a CA certificate comes before the server's own, so nginx's key does not match the first certificate and clients reject the chain
core-fullchain-order-fix = put the server certificate first (a renewal writes it so)
core-stored-dry-run = every renewal is a rehearsal that saves nothing
core-stored-test-cert = renewals would replace this trusted certificate with an untrusted test one
core-stored-force-renewal = every renewal re-issues the certificate (Let's Encrypt allows 5 duplicates a week)
core-stored-option = CERTBOT_OPTIONS has { $typed }: { $why }
core-https-no-certificate = HTTPS is on, but there is no certificate for { $domain }: nginx cannot start with it
core-with-https-false = with NGINX_HTTPS_ENABLED=false
core-no-certificate-yet = there is no certificate for { $domain } yet
core-run-with-sudo = run with sudo: certbot's files belong to root
core-privkey-readable = privkey.pem is readable by other users (mode { $mode })
core-privkey-chmod = chmod 600 the file in volumes/certbot/conf/archive/<domain>/
core-cert-filename = nginx looks for { $file } (NGINX_SSL_CERT_FILENAME), not certbot's fullchain.pem
core-cert-filename-fix = set NGINX_SSL_CERT_FILENAME=fullchain.pem and NGINX_SSL_CERT_KEY_FILENAME=privkey.pem
core-https-off-with-certificate = a certificate exists but HTTPS is off (NGINX_HTTPS_ENABLED=false): the site is served over plain HTTP
core-certbot-last-failed = certbot's last run ({ $at }) failed
core-certbot-dry-run = certbot's last run ({ $at }) was a dry run: it saved nothing
core-https-port-fix = set it to the host port nginx publishes HTTPS on, e.g. EXPOSE_NGINX_SSL_PORT=443
core-served-older = nginx serves an older certificate than the one on disk: reload needed
core-served-untrusted = browsers reject the certificate nginx serves: { $why }
core-not-trusted = not trusted
core-tls-no-answer = HTTPS is on but nothing answers TLS on { $addr }: { $why }. The site is down over HTTPS
core-tls-no-answer-fix = `docker compose ps nginx` and `docker compose logs nginx` say why

## Core: src/core/doctor/judge.rs
core-doctor-certbot-domain-is-still-difys = CERTBOT_DOMAIN is still Dify's placeholder
core-doctor-certbot-domain-domain-is-not = CERTBOT_DOMAIN={ $domain } is not usable: { $e }
core-doctor-certbot-email-is-not-usable = CERTBOT_EMAIL is not usable: { $e }
core-doctor-nginx-enable-certbot-challenge-is = NGINX_ENABLE_CERTBOT_CHALLENGE is not true: nginx will answer 404 to Let's Encrypt
core-doctor-it-sets-nginx-enable-certbot = (it sets NGINX_ENABLE_CERTBOT_CHALLENGE=true; recreate nginx after)
core-doctor-nginx-will-load-fullchain-pem = nginx will load fullchain.pem and privkey.pem
core-doctor-nginx-will-look-for-cert = nginx will look for { $cert } and { $key }, not certbot's fullchain.pem and privkey.pem
core-doctor-nginx-https-enabled-true-but = NGINX_HTTPS_ENABLED=true but there is no certificate yet: Dify's nginx cannot start
core-doctor-set-nginx-https-enabled-false = set NGINX_HTTPS_ENABLED=false until the certificate exists (dify-https switches it on afterwards)
core-doctor-https-is-on-and-the = HTTPS is on and the certificate exists
core-doctor-https-stays-off-until-the = HTTPS stays off until the certificate exists
core-doctor-nginx-server-name-is-server = NGINX_SERVER_NAME is { $server_name }, not { $domain }
core-doctor-set-nginx-server-name-domain = set NGINX_SERVER_NAME={ $domain } (the setup does)
core-doctor-compose-profiles-kept = compose profiles kept: { $p }
core-doctor-fix-compose-profiles-in-env = fix COMPOSE_PROFILES in .env
core-doctor-nginx-is-published-on-port = nginx is published on port { $port }
core-doctor-expose-nginx-port-lets-encrypt = EXPOSE_NGINX_PORT={ $port }: Let's Encrypt only ever connects to port 80
core-doctor-set-it-to-the-host = set it to the host port nginx is published on, e.g. EXPOSE_NGINX_PORT=80
core-doctor-something-that-is-not-difys = something that is not Dify's nginx listens on port { $port }
core-doctor-stop-it-another-web-server = stop it (another web server?) or nginx cannot publish the port
core-doctor-not-tried-certbot-domain-is = not tried: CERTBOT_DOMAIN is not usable yet (see the domain check)
core-doctor-the-run-tests-it-right = the run tests it right before asking Let's Encrypt
core-doctor-not-tried-nginx-does-not = not tried: nginx does not answer on { $addr } ({ $e })
core-doctor-the-run-starts-nginx-and = the run starts nginx and tests it right before asking Let's Encrypt
core-doctor-not-tried-nginxs-published-port = not tried: nginx's published port cannot be read (see port-80)
core-doctor-a-certificate-from-the-ca = a certificate from the CA named in CERTBOT_OPTIONS (--server) exists ({ $issuer }), { $days } days left
core-doctor-a-test-certificate-exists-days = a test certificate exists ({ $issuer }), { $days } days left
core-doctor-a-production-run-replaces-it = a production run replaces it (after your yes)
core-doctor-a-valid-certificate-for-domain = a valid certificate for { $domain } has { $days } days left: no new issuance is needed
core-doctor-the-certificate-has-days-days = the certificate has { $days } days left: renewal is due
core-doctor-failed-failed-certbot-runs-in = { $failed } failed certbot runs in the last hour: Let's Encrypt allows 5 failed validations per hour
core-doctor-failed-failed-certbot-runs-in-2 = { $failed } failed certbot runs in the last hour

## Core: src/core/doctor/checks.rs
core-doctor-given-with-compose = given with --compose
core-doctor-compose-shown-flavor = compose: `{ $shown }` ({ $flavor })
core-doctor-shown-reads-docker-compose-yaml = `{ $shown }` reads docker-compose.yaml
core-doctor-compose-project-project-no-other = compose project "{ $project }": no other folder's containers carry it
core-doctor-compose-project-project-is-also = compose project "{ $project }" is also another install's: its containers were created from { $other_folders }. Compose would stop, recreate and exec in them from here
core-doctor-give-one-install-its-own = give one install its own name: COMPOSE_PROJECT_NAME={ $folder } in { $root }'s .env, then `docker compose up -d` there
core-doctor-docker-answers-nginx-keeps-restarting = Docker answers; nginx keeps restarting (it exits right after starting)
core-doctor-docker-answers-nginx-keeps-restarting-why = Docker answers; nginx keeps restarting (it exits right after starting): { $line }
core-doctor-docker-compose-logs-nginx-shows = `docker compose logs nginx` shows why; HTTPS on without its certificate files is the usual cause (set NGINX_HTTPS_ENABLED=false and recreate nginx)
core-doctor-docker-answers-nginx-is = Docker answers; nginx is running
core-doctor-docker-answers-nginx-is-not-running = Docker answers; nginx is not running
core-doctor-this-user-may-not-use = this user may not use the Docker socket
core-doctor-the-docker-daemon-does-not = the Docker daemon does not answer
core-doctor-compose-ps-failed = `{ $compose } ps` failed: { $lines }
core-doctor-run-shown-ps-in-the = run `{ $shown } ps` in the Dify folder to see the whole error
core-doctor-no-renewal-schedule-is-installed = no renewal schedule is installed for project { $project }: nothing here renews the certificate
core-doctor-no-renewal-schedule-yet-install = no renewal schedule yet (install it once the first certificate exists)
core-doctor-the-renewal-schedule-files-runs = the renewal schedule ({ $files }) runs { $binary }, which does not exist
core-doctor-install-it-again-from-the = install it again from the binary you use: `sudo dify-https schedule install`
core-doctor-the-renewal-schedule-files-renews = the renewal schedule ({ $files }) renews { $dir }, not this folder
core-doctor-run-sudo-dify-https-schedule = run `sudo dify-https schedule install` here (and set COMPOSE_PROJECT_NAME if two installs share a project name)
core-doctor-the-renewal-schedule-runs-twice = the renewal schedule runs twice a day ({ $files })
core-doctor-the-compose-file-has-the = the compose file has the nginx and certbot services
core-doctor-the-compose-file-has-no = the compose file has no { $or } service
core-doctor-use-difys-own-docker-compose = use Dify's own docker-compose.yaml (0.7 or newer)
core-doctor-certbots-entrypoint-and-update-script = certbot's entrypoint and update-script template are there
core-doctor-missing = missing { $missing }
core-doctor-restore-them-from-difys-docker = restore them from Dify's docker/certbot folder (the certbot service mounts them)
core-doctor-volumes-certbot-conf-www-logs = volumes/certbot/{"{"}conf,www,logs{"}"} are writable
core-doctor-cannot-write-in = cannot write in { $bad }
core-doctor-run-with-sudo-docker-created = run with sudo (Docker created them as root)
core-doctor-key-contains-c-which-breaks = { $key } contains { $c }, which breaks Dify's certbot script (it pastes the value into a shell script with sed)
core-doctor-remove-it-from-key-in = remove it from { $key } in .env
core-doctor-certbot-values-are-safe-for = CERTBOT_* values are safe for Dify's certbot script
core-doctor-domain-does-not-resolve-e = { $domain } does not resolve ({ $e })
core-doctor-create-an-a-and-or = create an A (and/or AAAA) record for { $domain } pointing at this server's public address
core-doctor-domain-has-no-a-aaaa = { $domain } has no A/AAAA record
core-doctor-create-an-a-record-for = create an A record for { $domain }
core-doctor-domain-resolves-to-lo-lets = { $domain } resolves to { $lo }: Let's Encrypt cannot reach it there, so validation can never succeed
core-doctor-point-the-public-a-aaaa = point the public A/AAAA record of { $domain } at this server's public address (an /etc/hosts entry for it on this host also does this)
core-doctor-domain-resolves-to-an-address = { $domain } resolves to { $shown }, an address of this host
core-doctor-domain-resolves-to-a-private = { $domain } resolves to { $shown }, a private address: Let's Encrypt resolves it from the internet
core-doctor-fine-with-split-horizon-dns = fine with split-horizon DNS (a private answer here, the public address outside); otherwise the public record must point at this server
core-doctor-domain-resolves-to-which-is = { $domain } resolves to { $shown }, which is not an address of this host
core-doctor-fine-behind-nat-or-a = fine behind NAT or a port forward; a CDN or proxy in front must pass /.well-known/acme-challenge/ through; otherwise fix the record
core-doctor-cannot-write-a-test-token = cannot write a test token: { $e }
core-doctor-run-with-sudo = run with sudo
core-doctor-nginx-serves-the-challenge-folder = nginx serves the challenge folder ({ $describe })
core-doctor-nginx-answered-status-for-a = nginx answered { $status } for a test token in the challenge folder
core-doctor-answered-the-running-nginx-has = { $answered }: the running nginx has NGINX_ENABLE_CERTBOT_CHALLENGE={ $running }, .env says true
core-doctor-the-run-recreates-nginx-with = the run recreates nginx with the new .env first and tests the path again; if it still fails, something else sets the variable for nginx (the shell, docker-compose.yaml)
core-doctor-answered-although-the-running-nginx = { $answered }, although the running nginx has NGINX_ENABLE_CERTBOT_CHALLENGE=true
core-doctor-check-that-docker-compose-yaml = check that docker-compose.yaml mounts volumes/certbot/www at /var/www/html for nginx, and that nginx's templates still add the challenge location
core-doctor-set-nginx-enable-certbot-challenge = set NGINX_ENABLE_CERTBOT_CHALLENGE=true and recreate nginx; check volumes/certbot/www is mounted at /var/www/html
core-doctor-nginx-did-not-answer-why = nginx did not answer: { $why }
core-doctor-the-run-tests-it-again = the run tests it again

## Core: src/core/setup/validate.rs
core-setup-a-line-break = a line break
core-setup-a-control-character-u-04x = a control character (U+{ $u32 })
core-setup-cannot-be-used-in-the = { $c } cannot be used in the { $field }: Dify's certbot script pastes this value into a shell script, where it would break it. Remove it
core-setup-enter-the-domain-people-use = Enter the domain people use to reach Dify, e.g. dify.acmecorp.io
core-setup-enter-only-the-name-without = Enter only the name, without `{ $scheme }://`: { $name }
core-setup-wildcard-names-cannot-be-issued = Wildcard names cannot be issued with the HTTP challenge Dify uses: enter one name, e.g. dify.acmecorp.io
core-setup-an-ip-address-cannot-get = An IP address cannot get a certificate here: enter a DNS name whose A/AAAA record points at this server
core-setup-enter-only-the-name-without-2 = Enter only the name, without a path
core-setup-that-looks-like-an-email = That looks like an email address: enter the domain (the email comes next)
core-setup-enter-the-name-without-a = Enter the name without a port: Let's Encrypt always checks port 80
core-setup-a-domain-has-no-spaces = A domain has no spaces
core-setup-the-domain-contains-an-invisible = The domain contains an invisible character (U+{ $u32 }), which would be dropped silently: type the name again without it
core-setup-s-is-not-a-valid = { $s } is not a valid international domain name (it has no punycode form)
core-setup-s-would-be-changed-by = { $s } would be changed by normalisation to { $back }: type it as { $back } if that is the name
core-setup-name-is-a-reserved-example = { $name } is a reserved example domain (RFC 2606): no certificate is ever issued for it. Enter your own domain
core-setup-a-domain-is-at-most = A domain is at most 253 characters; this one has { $name }
core-setup-name-is-not-a-public = { $name } is not a public domain name: it needs at least one dot, e.g. dify.acmecorp.io
core-setup-name-has-an-empty-part = { $name } has an empty part (two dots in a row?)
core-setup-label-is-longer-than-the = `{ $label }` is longer than the 63 characters a DNS label may have
core-setup-c-is-not-allowed-in = `{ $c }` is not allowed in a domain: use letters, digits and hyphens
core-setup-label-may-not-start-or = `{ $label }` may not start or end with a hyphen
core-setup-label-is-not-valid-punycode = `{ $label }` is not valid punycode: it decodes to no valid international name
core-setup-name-looks-like-an-ip = { $name } looks like an IP address, not a domain name
core-setup-name-ends-in-tld-top = { $name } ends in .{ $tld }: top-level domains are letters only, so it cannot be in public DNS
core-setup-an-internal-ca-can-name = {" "}(an internal CA can: name its ACME directory with --server in the certbot options)
core-setup-name-ends-in-suffix-a = { $name } ends in .{ $suffix }, a name that is not public: Let's Encrypt only issues for names in public DNS{ $custom }
core-setup-enter-an-email-address-for = Enter an email address for the Let's Encrypt account (policy and security notices)
core-setup-that-is-difys-placeholder-enter = That is Dify's placeholder: enter an address you read
core-setup-an-email-address-has-no = An email address has no spaces
core-setup-an-email-address-needs-an = An email address needs an @, e.g. admin@acmecorp.io
core-setup-the-part-before-the-is = The part before the @ is not a valid mailbox name
core-setup-use-an-ascii-email-address = Use an ASCII email address: Let's Encrypt does not accept international addresses
core-setup-the-part-after-the-is = The part after the @ is missing: add the mail domain, e.g. admin@acmecorp.io
core-setup-lets-encrypt-refuses-addresses-at = Let's Encrypt refuses addresses at { $host }: use a mailbox you read
core-setup-the-part-after-the-is-2 = The part after the @ is not a public mail domain: { $why }
core-setup-typed-certbot-reads-it-as = `{ $typed }` (certbot reads it as { $full })
core-setup-leave-out-named-difys-script = Leave out { $named }: Dify's script already passes the domain and certificate name, and extra names break its renewals
core-setup-leave-out-named-stored-in = Leave out { $named }: stored in CERTBOT_OPTIONS it makes every scheduled renewal issue a new certificate, and Let's Encrypt allows 5 duplicates a week. For one forced renewal run `dify-https renew --force`
core-setup-leave-out-named-difys-script-2 = Leave out { $named }: Dify's script always uses the webroot challenge through its nginx (/var/www/html)
core-setup-leave-out-named-the-email = Leave out { $named }: the email is set with its own answer
core-setup-leave-out-named-it-is = Leave out { $named }: it is chosen with the mode (staging or dry-run) instead
core-setup-leave-out-named-certbot-must = Leave out { $named }: certbot must keep its files where Dify's nginx reads them (/etc/letsencrypt)
core-setup-leave-out-named-it-would = Leave out { $named }: it would make certbot run commands or skip the certificate files nginx reads
core-setup-token-is-not-a-certbot = `{ $token }` is not a certbot option: options look like `--name` or `--name value`

## Core: src/core/run/executor.rs
core-run-a-setup-run = a setup run
core-run-cannot-run-e = cannot run `{ $program }`: { $e }
core-run-what-failed = { $what } failed
core-run-compose-config-failed = compose config failed
core-run-nginx-does-not-answer-on = nginx does not answer on { $addr } (EXPOSE_NGINX_PORT) after { $as_secs }s
core-run-the-stack-was-running-recreated = the stack was running: recreated nginx and certbot only
core-run-started-the-whole-stack-nginx = started the whole stack (nginx needs its upstreams)
core-run-cannot-write-a-test-token = cannot write a test token into { $www }: { $e } (run with sudo if the folder belongs to root)
core-run-served-by-at = served by { $at }
core-run-status-with-something-else = { $status } with something else ({ $body })
core-run-nginx-runs-with-nginx-enable = nginx runs with NGINX_ENABLE_CERTBOT_CHALLENGE={ $running } although .env says true: something else sets it for nginx (the shell environment, or docker-compose.yaml). Make it true there, recreate nginx and run again
core-run-nginx-has-nginx-enable-certbot = nginx has NGINX_ENABLE_CERTBOT_CHALLENGE=true but does not serve /.well-known/acme-challenge/ from the certbot webroot: check that docker-compose.yaml mounts volumes/certbot/www at /var/www/html for nginx and that nginx's templates still add the challenge location
core-run-nginx-does-not-serve-well = nginx does not serve /.well-known/acme-challenge/ from the certbot webroot. Set NGINX_ENABLE_CERTBOT_CHALLENGE=true in .env and recreate nginx (and check volumes/certbot/www is mounted at /var/www/html)
core-run-at-answered-answer-for-the = { $at } answered { $answer } for the challenge file: { $why }
core-run-nginx-did-not-answer-at = nginx did not answer at { $at }: { $why }
core-run-at-answered-status-instead-of = { $at } answered { $status } instead of this server's challenge file: its DNS points to another server, or a CDN/proxy in front answers the challenge path itself. Let's Encrypt would fail the same way
core-run-could-not-check-at-from = could not check { $at } from this host ({ $why }); fine behind NAT, Let's Encrypt checks from outside
core-run-deleted-the-staging-lineage-domain = deleted the staging lineage { $domain } (certbot delete --cert-name { $domain })
core-run-difys-certificate-script = Dify's certificate script
core-run-dry-run-lets-encrypts-staging = dry run: Let's Encrypt's staging server accepted the challenge, but nothing was saved (the script's "successful" means the rehearsal). It works: now run the setup in production mode
core-run-is-missing = { $pem } is missing
core-run-the-certificate-in-live-domain = the certificate in live/{ $domain } names { $names }, not { $domain }
core-run-certificate-for-domain-expires-days = certificate for { $domain }, expires { $date } ({ $now } days), issued by { $issuer }
core-run-live-domain-still-holds-a = live/{ $domain } still holds a staging certificate: certbot keeps renewing it from staging
core-run-summary-a-staging-certificate-is = { $summary }. A staging certificate is not trusted by browsers. It works: now run the setup in production mode
core-run-the-certificate-did-not-change = the certificate did not change: nothing to reload
core-run-https-addr-presents-the-new = https://{ $addr } presents the new certificate (SHA-256 { $got })
core-run-nginx-presents-another-certificate-sha = nginx presents another certificate (SHA-256 { $got }) than the file ({ $expected }): a reload is needed (`exec nginx nginx -s reload`)
core-run-no-tls-answer-on-addr = no TLS answer on { $addr } (EXPOSE_NGINX_SSL_PORT): { $e }
core-run-wrote-backup = wrote { $keys } (backup { $backup })
core-run-http-addr-answers = http://{ $addr } answers
core-run-compose-recreated-what-the-changed = compose recreated what the changed settings touch
core-run-https-switched-back-off-env = HTTPS switched back off: .env restored to its values before the switch
core-run-could-not-switch-https-back = could not switch HTTPS back off: set NGINX_HTTPS_ENABLED=false in .env and recreate nginx
core-run-a-renewal = a renewal

## Core: src/core/run/steps.rs
core-step-start-nginx-and-certbot-with = Start nginx and certbot with the new .env
core-step-self-test-the-challenge-path = Self-test the challenge path
core-step-remove-the-staging-certificate = Remove the staging certificate
core-step-run-difys-certificate-script = Run Dify's certificate script
core-step-check-the-certificate-files = Check the certificate files
core-step-switch-nginx-to-https = Switch nginx to HTTPS
core-step-confirm-https-serves-the-new = Confirm HTTPS serves the new certificate
core-step-switch-nginx-back-to-plain = Switch nginx back to plain HTTP
core-step-confirm-nginx-answers-over-http = Confirm nginx answers over HTTP
core-step-recreate-the-containers-whose-settings = Recreate the containers whose settings changed

## Core: src/core/setup/next_steps.rs
core-next-start-certbot-and-recreate-nginx = Start certbot and recreate nginx with the new .env
core-next-ask-lets-encrypt-for-the = Ask Let's Encrypt for the certificate ({ $name })
core-next-recreate-the-services-that-read = recreate the services that read them
core-next-when-volumes-certbot-conf-live = When volumes/certbot/conf/live/{ $domain }/fullchain.pem exists, set { $keys } in .env and { $what }
core-next-a-staging-certificate-is-not = A staging certificate is not trusted by browsers: when this works, run the setup again in production mode
core-next-a-dry-run-saves-no = A dry run saves no certificate: when it succeeds, run the setup again in production mode

## Core: src/core/schedule/mod.rs
core-schedule-systemctl-failed = `systemctl { $args }` failed

## Core: src/core/schedule/notify.rs
core-notify-unknown-format-s-slack-feishu = unknown format { $s }: slack, feishu, dingtalk, wecom, ntfy or json
core-notify-d-days-left = , { $d } days left
core-notify-dify-https-on-days = [dify-https] { $verdict } on { $host }: { $domain }{ $days }. { $reason }
core-notify-all-is-well-again = all is well again

## Core: src/core/probe/challenge.rs
core-probe-is-not-a-folder-refusing = { $d } is { $file_type }, not a folder: refusing to use it (certbot's webroot must be real folders)
core-next-recreate-nginx = recreate nginx
core-step-reload-nginx = Reload nginx
core-lock-busy = another dify-https is working in this folder ({ $holder }); try again when it has finished
core-lock-io = cannot create the lock file { $path }: { $why }

## Core: src/core/setup/env_plan.rs
core-plan-line-line-is-not-valid = line { $line } is not valid for docker compose ({ $why }); it is kept as it is, but compose will refuse the file until it is fixed
core-plan-in-line-never-reaches-the = { $key }={ $value } in { $file } (line { $line }) never reaches the certbot container (it reads only .env); .env's value is the one used
core-plan-this-env-uses-difys-newer = this .env uses Dify's newer layout without CERTBOT_* keys: they are added to .env, the only file the certbot and nginx services read
core-plan-https-stays-on-for-old = HTTPS stays on for { $old } with its certificate while the certificate for { $new } is requested; CERTBOT_DOMAIN and NGINX_SERVER_NAME switch to { $new } in one write at the HTTPS switch, once that certificate exists (if the run fails, nothing changes for { $old })
core-plan-https-goes-off-in-this = HTTPS goes off in this write: there is no certificate for { $domain } yet, and Dify's nginx cannot start with HTTPS on without one. The site is served over plain HTTP until the run switches HTTPS on again

## Core: src/core/backup/inspect.rs
core-backup-not-a-complete-backup-archive = not a complete backup archive (a gzip-compressed tar): { $why }
core-backup-the-archive-holds-entry-a = the archive holds { $entry }, a path outside conf/ (absolute, with .., or below a link or a file)
core-backup-the-archives-link-entry-points = the archive's link { $entry } points to { $target }: certbot makes links only from live/<name>/*.pem into archive/<name>/, so this one could lead outside conf/
core-backup-the-archive-holds-entry-kind = the archive holds { $entry }, { $kind }: a backup holds only files, folders and links
core-backup-the-archive-is-larger-than = the archive is larger than { $archive_limit } bytes unpacked, or holds more than { $max_entries } entries
core-backup-the-archive-has-no-manifest = the archive has no { $manifest_name }: it was not written by `dify-https backup`
core-backup-the-archives-manifest-name-cannot = the archive's { $manifest_name } cannot be read: { $why }
core-backup-the-archive-has-no-certificate = the archive has no certificate for { $domain } (conf/live/{ $domain2 }/{ $file }: { $why })
core-backup-the-archives-link-entry-does = the archive's link { $entry } does not point into conf/archive/, where certbot keeps the files
core-backup-the-archives-certificate-cannot-be = the archive's certificate cannot be read: { $why }
core-backup-the-archives-private-key-for = the archive's private key for { $domain } cannot be used: { $problem }
core-backup-the-archives-certificate-sha-256 = the archive's certificate (SHA-256 { $found }) is not the one its manifest names ({ $named })
core-backup-format-this-version-reads-format = format { $manifest } (this version reads { $FORMAT })
core-backup-domain-domain-is-not-a = domain { $domain } is not a single name
core-backup-missing-or-a-link-to = missing, or a link to nothing
core-plan-duplicate = { $key } is set more than once; compose uses the last one (line { $last }), which is the one changed. { $count ->
        [one] Line { $ignored } is ignored: remove it
       *[other] Lines { $ignored } are ignored: remove them
    } to avoid confusion

## Core: src/core/envfile/document.rs
core-env-k-is-not-a-valid = { $k } is not a valid variable name
core-env-the-edited-env-did-not = the edited .env did not read back as intended ({ $why }); nothing was written
core-env-is-missing = { $key } is missing
core-env-reads-not = { $key } reads { $read }, not { $value }
core-env-an-unrelated-value-changed = an unrelated value changed
core-env-the-edit-broke-a-line = the edit broke a line

## Core: src/core/compose/file_check.rs
core-compose-compose-v1-docker-compose-1 = Compose v1 (docker-compose 1.x) cannot read this docker-compose.yaml: it uses { $uses }, which need Compose v2. Install Docker's compose plugin (`docker compose`; Debian/Ubuntu: the docker-compose-plugin or docker-compose-v2 package) — dify-https uses it whenever it answers — or name it with --compose "docker compose"
core-compose-compose-cannot-read-this-docker = compose cannot read this docker-compose.yaml: { $failed }

## Core: src/core/engine/http.rs
core-engine-permission-denied-on-socket-add = permission denied on { $socket }: add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again) or use sudo
core-engine-cannot-reach-the-docker-engine = cannot reach the Docker engine at { $socket }: { $why }
core-engine-the-docker-engine-answered-status = the Docker engine answered { $status }: { $body }
core-engine-the-docker-engines-answer-could = the Docker engine's answer could not be read: { $why }
core-engine-no-http-status-line = no HTTP status line
core-engine-the-headers-did-not-end = the headers did not end
core-engine-a-bad-content-length = a bad Content-Length
core-engine-the-answer-is-too-large = the answer is too large
core-engine-a-bad-chunk-size = a bad chunk size

## Core: src/demo/playback.rs
core-demo-the-demos-recording-cannot-be = the demo's recording cannot be read: { $e }
core-demo-demo-could-not-write-its = demo: could not write its certificate: { $e }
core-demo-demo-e = demo: { $e }
core-demo-wrote-backup-label = wrote { $keys } (backup { $label })

## Core: src/core/setup/public_urls.rs
core-urls-uses-a-variable = uses a variable
core-urls-not-a-url = not a URL
core-urls-not-an-http-or-ws = not an http or ws URL
core-urls-names-a-port-set-the = names a port: set the HTTPS port by hand

## Core: src/core/setup/request.rs
core-request-custom-acme-server-url-dry = custom ACME server: { $url } (dry run: saves nothing)
core-request-custom-acme-server-url = custom ACME server: { $url }
core-request-lets-encrypt-production = Let's Encrypt (production)
core-request-lets-encrypt-staging-an-untrusted = Let's Encrypt staging (an untrusted test certificate)
core-request-lets-encrypt-staging-dry-run = Let's Encrypt staging, dry run (saves nothing)

## Core: src/core/files/read.rs
core-file-path-does-not-exist = { $path } does not exist
core-file-cannot-read-path-permission-denied = cannot read { $path }: permission denied (run as its owner or with sudo)
core-file-to = {" "}to { $t }
core-file-path-has-links-hard-links = { $path } has { $links } hard links: a write would change the other names too, or split them. Make it a file of its own (`cp { $path2 } { $path2 }.tmp && mv { $path2 }.tmp { $path2 }`)
core-file-path-is-kind-not-a = { $path } is { $kind }, not a regular file: dify-https reads only regular files there
core-file-path-is-size-bytes-more = { $path } is { $size } bytes, more than the { $limit } bytes such a file ever has: refused
core-file-cannot-read-path-source = cannot read { $path }: { $why }
core-file-a-symbolic-link = a symbolic link
core-file-a-fifo-named-pipe = a FIFO (named pipe)
core-file-a-regular-file = a regular file
core-file-not-a-regular-file = not a regular file

## Core: src/core/envfile/store.rs
core-store-path-is-not-utf-8 = { $path } is not UTF-8 text; dify-https edits it only as text (convert it with `iconv -t UTF-8` first)
core-store-path-changed-on-disk-since = { $path } changed on disk since dify-https read it; nothing was written
core-store-path-is-read-only-mode = { $path } is read-only (mode { $mode }); nothing was written. Make it writable (`chmod u+w { $path2 }`) or run as its owner
core-store-path-belongs-to-uid-uid = { $path } belongs to uid { $uid } and this user may not write it; nothing was written. Run as its owner or with sudo
core-store-path-carries-extended-attributes-acls = { $path } carries extended attributes (ACLs, SELinux labels) that could not be kept ({ $name }: { $why }); nothing was written. Run as its owner or with sudo
core-store-cannot-write-in-dir-the = cannot write in { $dir }: the disk is full; nothing was written. Free some space and try again
core-store-cannot-write-in-dir-the-2 = cannot write in { $dir }: the file system is read-only; nothing was written
core-store-cannot-write-in-dir-source = cannot write in { $dir }: { $why }. Run as the folder's owner or with sudo
core-store-could-not-keep-the-owner = could not keep the owner (uid { $owner }, gid { $owner2 }) of { $path }: { $e }

## Core: src/core/engine/containers.rs
core-engine-not-a-list-of-containers = not a list of containers

## Core: src/core/envfile/parse.rs
core-parse-a-line-must-start-with = a line must start with a variable name (letters, digits, `_`, `.`)
core-parse-a-variable-name-must-be = a variable name must be followed by `=`; names may not contain spaces or other symbols
core-parse-a-quoted-value-has-no = a quoted value has no closing quote
core-parse-text-after-a-closing-quote = text after a closing quote must be a `# comment`

## Core: src/core/envfile/interpolate.rs
core-interp-without-a-closing-in-text = `${"{"}` without a closing `{"}"}` in { $text }
core-interp-invalid-variable-name-in-body = invalid variable name in `${"{"}{ $body }{"}"}`
core-interp-required-variable-name-is-missing = required variable { $name } is missing a value: { $msg }
core-interp-unsupported-form-body = unsupported form `${"{"}{ $body }{"}"}`

## Core: src/core/setup/mode.rs
core-mode-a-real-trusted-certificate-from = a real, trusted certificate from Let's Encrypt
core-mode-an-untrusted-test-certificate-tries = an untrusted test certificate: tries the whole path safely
core-mode-a-rehearsal-against-the-staging = a rehearsal against the staging server; saves nothing

## Core: src/core/run/https_switch.rs
core-switch-not-switching-https-on-nginx = not switching HTTPS on: nginx would not find { $missing } and could not start; .env is unchanged

## Core: src/core/probe/http.rs
core-probe-no-http-response-header = no HTTP response header
core-probe-no-http-status = no HTTP status

## Core: src/core/compose/capture.rs
core-compose-cannot-run-e = cannot run { $program }: { $e }
core-compose-did-not-answer-within-s = `{ $inv }` did not answer within { $as_secs } s (is the Docker daemon stuck?); it was stopped

## Core: src/core/run/renewal.rs
core-renewal-certbot-domain-is-not-set = CERTBOT_DOMAIN is not set in .env: set one up first
core-renewal-there-is-no-certificate-for = there is no certificate for { $domain } to renew yet: set it up first
core-renewal-key-in-env-is-not = { $key } in .env is not safe to run Dify's script with: { $why }. Fix it in .env (or run the setup again)
core-renewal-it-is-written-as-domain = it is written as { $domain }, certificates name it { $d }
core-renewal-it-contains-c = it contains { $c }

## Core: src/core/envfile/history.rs
core-history-not-utf-8-text = not UTF-8 text

## Core: src/core/run/recording.rs
core-recording-recording-line-e = recording line { $n }: { $e }

## Core: src/core/probe/tls.rs
core-probe-the-server-presented-no-certificate = the server presented no certificate

## Core: src/core/logs/tail.rs
core-log-clean-line-cut = { $clean } [...line cut]

## Core: src/core/files/lock.rs
core-lock-its-lock-file-is-held = its lock file is held

## Core: src/core/compose/containers.rs
core-compose-compose-ps-failed = compose ps failed

## Core: src/core/backup/create.rs
core-backup-certbot-domain-is-not-set = CERTBOT_DOMAIN is not set in .env: there is no certificate to back up
core-backup-path-cannot-be-read-why = { $path } cannot be read ({ $why }): there is no certificate to back up
core-backup-path-already-exists-nothing-was = { $path } already exists; nothing was written. Choose another name with --out
core-backup-path-is-kind-a-backup = { $path } is { $kind }: a backup holds only files, folders and links; nothing was written
core-backup-0-nothing-was-written = { $why }; nothing was written
core-backup-cannot-write-path-source-nothing = cannot write { $path }: { $why }; nothing was written

## Core: src/core/certificate/info.rs
core-cert-cannot-read-path-permission-denied = cannot read { $path }: permission denied (certbot's files belong to root: run with sudo)
core-cert-cannot-read-path-source = cannot read { $path }: { $why }
core-cert-what-holds-no-pem-certificate = { $what } holds no PEM certificate
core-cert-what-is-not-a-valid = { $what } is not a valid X.509 certificate: { $why }

## Core: src/core/certificate/key_match.rs
core-key-holds-no-certificate = holds no certificate
core-key-holds-no-private-key-this = holds no private key this tool can read (PEM: PKCS#8, PKCS#1 or SEC1)
core-key-the-private-key-is-of = the private key is of a type that cannot be checked
core-key-the-private-key-does-not = the private key does not belong to the certificate (their public keys differ)
core-file-a-folder = a folder
core-file-a-socket = a socket
core-file-a-device = a device
core-urls-another-host = another host

## Core: src/core/dify/folder.rs
core-folder-dir-does-not-exist-pass = { $dir } does not exist. Pass --dir with the path of Dify's docker folder (the one with docker-compose.yaml and .env)
core-folder-dir-is-not-a-folder = { $dir } is not a folder. Pass --dir with the path of Dify's docker folder
core-folder-dir-is-not-difys-docker = { $dir } is not Dify's docker folder: no docker-compose.yaml (or compose.yaml) there. Run dify-https inside Dify's `docker/` folder, or pass --dir /path/to/dify/docker (try --demo to look around without Dify)
core-folder-file-has-no-certbot-service = { $file } has no `certbot` service, so it is not a Dify compose file dify-https can drive (Dify added the certbot service in release 0.7). Update Dify's docker folder, or pass --dir to the right folder

## Core: src/core/dify/published_port.rs
core-port-key-value-in-env-is = { $key }={ $value } in .env is not a port number (or IP:port, as compose takes it)

## Core: src/core/compose/profiles.rs
core-compose-compose-profiles-cannot-be-resolved = COMPOSE_PROFILES cannot be resolved (.env line { $line }): { $why }

## Core: src/core/compose/command.rs
core-compose-no-docker-compose-found-neither = no docker compose found: neither `docker compose` (the v2 plugin) nor `docker-compose` answers. Install Docker's compose plugin, or name your command with --compose "..." (e.g. "sudo docker compose", "podman compose")

## Core: failures and their fixes (src/core/run/classify.rs)
core-fix-daemon = The Docker daemon is not reachable: start it (`sudo systemctl start docker`) and check `docker info`.
core-fix-validation-limit = Let's Encrypt's limit of 5 failed validations per hour for { $domain } was hit: fix the cause above, wait an hour, and try staging mode first.
core-fix-rate-limit = A Let's Encrypt rate limit was hit: the message says when to retry. Use staging mode meanwhile; it has far higher limits.
core-fix-caa = The domain's CAA records do not allow Let's Encrypt: add a CAA record `0 issue "letsencrypt.org"` for { $domain }, or remove the restricting one.
core-fix-dns = DNS for { $domain } does not lead here: check its A/AAAA record points at this server's public address (and wait for DNS to update).
core-fix-port-80 = Let's Encrypt could not reach port 80 of { $domain }: open port 80 to the internet (firewall, cloud security group, router forwarding) and make sure it reaches Dify's nginx.
core-fix-email = Let's Encrypt refused the email address: use a real mailbox on a public domain (CERTBOT_EMAIL).
core-fix-nginx-certificate = nginx cannot load the certificate: check the files in volumes/certbot/conf/live/{ $domain }/ and NGINX_SSL_CERT_FILENAME=fullchain.pem, NGINX_SSL_CERT_KEY_FILENAME=privkey.pem.
core-fix-nginx-upstream = nginx cannot find Dify's api or web service: bring the whole stack up (`docker compose up -d`) so its upstreams exist.
core-fix-challenge-rejected = Let's Encrypt fetched the challenge file and got the wrong answer: check NGINX_ENABLE_CERTBOT_CHALLENGE=true (and nginx recreated), that port 80 reaches this Dify's nginx, and that no CDN or proxy in front answers /.well-known/acme-challenge/ itself.
core-schedule-systemd-timer = the systemd timer { $unit }
core-schedule-a-cron-entry = a cron entry
core-schedule-installed = Installed: { $what } runs `renew --quiet` twice a day for { $folder }.
core-schedule-installed-under-root = Installed: { $what } runs `renew --quiet` twice a day for { $folder }. (under --root: systemctl was not called)

## src/cli/schedule_command.rs
cli-schedule-notify-url-refused = --notify: { $why }. Nothing was changed

## src/cli/setup_command.rs
cli-setup-e-env-is-unchanged = { $e }. .env is unchanged

## src/cli/status_command.rs
cli-status-crit-days-must-not-be = --crit-days ({ $crit_days }) must not be more than --warn-days ({ $warn_days })

## src/cli/logs_command.rs
cli-logs-does-not-exist-yet-certbot = { $path } does not exist yet: certbot has not run in this Dify folder

## src/cli/renew_command.rs
cli-renew-e-run-dify-https-setup = { $e }: run `dify-https setup` (or the wizard)

## src/tui/effects.rs
tui-effects-key-is-set-on-lines = { $key } is set on lines { $lines }; compose uses the last
tui-effects-env-line-line-why = .env line { $line }: { $why }
tui-effects-in-never-reaches-the-certbot = { $key }={ $value } in { $file } never reaches the certbot container

## src/tui/runtime.rs
tui-runtime-cannot-listen-for-signals = cannot listen for signals
tui-runtime-cannot-set-up-the-terminal = cannot set up the terminal

## src/cli/run_output.rs, src/cli/doctor_command.rs
cli-run-plan = Plan:
cli-run-note-mark = {"  "}note| {""}
cli-run-countdown = {"  "}certbot waits before renewing: { $left } s left
cli-run-done-note = {"  "}done in { $secs }s: { $note }
cli-run-done = {"  "}done in { $secs }s
cli-run-skipped = {"  "}skipped: { $why }
cli-run-stopped-after = {"  "}stopped after { $secs }s
cli-run-failed-after = {"  "}FAILED after { $secs }s: { $error }
cli-run-fix = {"  "}fix: { $fix }
cli-doctor-summary = { $fails } failed, { $warns } warnings
core-setup-a-tab = a tab
core-setup-a-backtick = a backtick (`)
core-setup-field-domain = domain
core-setup-field-email = email
core-setup-field-options = certbot options
core-run-crashed = the run stopped unexpectedly
core-diff-hunk = @@ line { $old_line } (new { $new_line }) @@
tui-review-hunk = @@ line { $line } @@
env-value-control-character = { $key } must be one line of text: it holds a control character (U+{ $code })
env-value-not-boolean = { $key } is `true` or `false`
env-value-not-port = { $key } is a port number from 1 to 65535
env-value-not-file-name = { $key } is the name of a file in the certificate's folder
env-value-file-name-character = `{ $c }` cannot be in { $key }: it is the name of a file in the certificate's folder
env-value-no-host-name = { $key } is `_` or a host name
env-value-host-name-character = `{ $c }` cannot be in { $key }: it holds host names, which Dify's nginx and certbot paste into their configuration
env-value-not-tls-version = `{ $token }` in { $key } is not a TLS version nginx knows (TLSv1.2 TLSv1.3)
env-value-script-character = `{ $c }` cannot be in { $key }: Dify's certbot script pastes it into a shell script, where it would break it
env-value-nginx-character = `{ $c }` cannot be in { $key }: Dify's nginx pastes it into its configuration, where it would write directives
core-store-unsafe-value = Nothing was written to { $path }: { $why }
backup-refused-duplicate-entry = The archive holds { $entry } twice: a backup made by dify-https never does
backup-refused-env-key = The archive's settings name { $key }, which a backup never carries (only NGINX_* and CERTBOT_* keys). Use an archive made by `dify-https backup`
backup-refused-env-value = The archive's setting { $key } cannot be restored: { $why }
backup-refused-domain-mismatch = The archive is for { $domain }, but its settings or its certificate name { $other }. Use an archive made by `dify-https backup`
schedule-refused-control-character = { $value } holds a control character (U+{ $code }), which would start a new line in the unit or cron file: nothing was written. Move the folder (or name the file) without it
schedule-refused-project = The compose project name { $project } is not one compose makes (lower-case letters, digits, - and _): nothing was written. Set COMPOSE_PROJECT_NAME in .env to such a name
schedule-refused-foreign-file = { $path } was not written by dify-https: it is left as it is and nothing was written. Move it away if it is an old schedule of yours
cli-schedule-left-foreign = Left alone (not written by dify-https): { $files }
net-url-control-character = the URL holds a space or a control character (U+{ $code }): copy it again, as one line
net-url-scheme = the URL must start with https:// (or http://)
net-url-no-host = the URL names no host
net-url-unreadable = the URL cannot be read: { $why }
net-outbound-status = the server answered HTTP { $status }
net-outbound-deadline = no answer within { $secs } s
net-outbound-failed = it could not be sent: { $why }
notify-out-of-time = not sent: the time for this run's notifications ran out
notify-stopped-by-signal = Stopped by a signal while telling the webhooks; the renewal itself was recorded first
core-engine-deadline = the engine did not finish its answer in time
core-engine-line-too-long = a header is longer than any the engine sends
status-finding-key-unusable = The private key beside the certificate cannot be used ({ $why }): nginx will not start with it on its next restart
status-remedy-key-restore-first = Put the key back from a backup (`dify-https restore`), or let a forced renewal make a new pair
backup-would-be-refused = The archive was not kept: `dify-https restore` would refuse it ({ $why }). Fix that in the folder (`dify-https doctor` helps), then back up again
run-note-https-off-undone = HTTPS left on: .env put back as it was before `https off`, and nginx recreated with it
run-note-https-off-not-undone = could not put .env back: it says HTTPS is off while nginx may still run with it on; run `dify-https https off` again to finish
cli-https-off-finish-recreate = .env already says HTTPS is off, but the running nginx still has it on (an earlier `https off` was stopped before nginx was recreated): this finishes it
tui-effect-crashed = That stopped unexpectedly (a bug: { $why }); the screen goes on
cli-setup-taken-from-env = { $key } from .env: { $value }
cli-https-on-no-domain = CERTBOT_DOMAIN is not set in .env, so there is no certificate to switch HTTPS on for: get one first with `dify-https setup`
cli-https-on-no-certificate = HTTPS stays off: nginx could not start with it, because { $missing } does not exist. Get the certificate first with `dify-https setup` (or put one back with `dify-https restore`)
cli-https-on-already = HTTPS is already on in { $env }; nothing to change.
cli-https-switching-on = Switching HTTPS on in { $env }:
cli-https-on-then = Then nginx is recreated and the certificate it serves is checked; if that fails, .env is put back as it was.
cli-https-on-question = Switch HTTPS on?
cli-remedy-repair = run `dify-https repair`: it shows the keys it puts back, then writes them
tui-remedy-repair = press p to put them back (it shows what first)
status-drift-key-gone = { $key } is gone
status-drift-key-changed = { $key } is { $now } (dify-https wrote { $recorded })
status-drift-by-dify-sync = {" "}(Dify's env sync left { $backup } since)
status-drift-nginx-will-not-start = .env lost what HTTPS needs: { $keys }{ $by }. The certificate is still on disk, and a running nginx keeps what it was started with, but nginx will not start on its next restart or recreation (the next `docker compose up -d`)
status-drift-keys = .env is not what dify-https applied for HTTPS: { $keys }{ $by }
status-drift-layout = Dify's newer layout (envs/) appeared since HTTPS was set up: the CERTBOT_* keys stay in .env, where Dify's certbot and nginx read them
status-drift-files = Dify's files that HTTPS relies on changed since it was set up ({ $files }): an upgrade? Renewals wait until they are taken as reviewed
doctor-applied-nginx-will-not-start = .env lost what HTTPS needs ({ $keys }): nginx will not start on its next restart, although the certificate is still there
doctor-applied-keys-differ = .env differs from what dify-https applied for HTTPS: { $keys }
doctor-applied-files-changed = Dify's files that HTTPS relies on changed since it was set up: { $files }
run-step-recreate-nginx = Recreate nginx with .env as it is now
cli-repair-no-record = Nothing to repair: dify-https keeps a record of what HTTPS needs once it has set HTTPS up here (a setup, `https on` or a restore), and there is none yet.
cli-repair-nothing-drifted = Nothing to repair: .env has what HTTPS needs, as dify-https applied it.
cli-repair-file-changed = Changed since then (Dify's own file, left as it is): { $file }
cli-repair-nginx-would-not-start = Not repaired: even with the keys put back nginx could not start, because { $missing } does not exist. Put the certificate back (`dify-https restore`) or get a new one (`dify-https setup`)
cli-repair-putting-back = Putting back in { $env } what HTTPS needs, as dify-https applied it on { $at }:
cli-repair-question = Put these back?
cli-repair-recreate-by-hand = No compose command was found: recreate nginx yourself (`docker compose up -d --force-recreate nginx`) so it runs with the repaired .env.
cli-repair-not-running = nginx is not running: its next start (`docker compose up -d`) reads the repaired .env. Nothing was started.
cli-repair-nginx-already = nginx already runs with these values: it is not recreated.
cli-schedule-refused = refused (.env lost what HTTPS needs)
cli-renew-refused-drift = Not renewing: .env lost what HTTPS needs ({ $keys }), so nginx will not start on its next restart. Run `dify-https repair` first
doctor-upgrade-sync-removes = Before upgrading Dify: its env sync (dify-env-sync.sh) rebuilds .env from .env.example, which has no { $keys }; they will be removed. Run `dify-https repair` right after the sync, before `docker compose up -d`
tui-key-repair = repair
tui-dialog-repair-title = Repair .env
tui-dialog-repair = Put back what HTTPS needs, as dify-https applied it on { $at }: { $keys }? Nothing else in .env changes; the old file is kept as a backup.
tui-dialog-repair-yes = put them back
tui-busy-planning-repair = Comparing .env with what HTTPS needs
tui-repair-stale = .env changed since the repair was shown: nothing was written. Press p again to see it as it is now
tui-repair-written = .env repaired (backup { $backup }); nginx is checked now
tui-repair-written-not-running = .env repaired (backup { $backup }); nginx is not running: its next start reads it
tui-demo-repair = In the demo nothing drifts: p would put back the .env keys HTTPS needs
cli-renew-refused-certbot-files = Not renewing: Dify's certbot files changed since HTTPS was set up ({ $files }), and renewals run them. Look at what changed (an upgrade?), then run `dify-https repair` to take them as reviewed
cli-repair-accept-files = Take these files as reviewed (renewals run them again)?
cli-repair-files-not-accepted = Nothing was changed; renewals stay stopped until these files are taken as reviewed.
cli-repair-files-accepted = Taken as reviewed: the record now holds these files as they are.
tui-repair-files-cli = Only Dify's files changed: quit and run `dify-https repair`, which shows them and takes them as reviewed
run-note-https-unchanged = https://{ $addr } presents the same certificate as before (SHA-256 { $got }): nothing was due, nothing changed; renewal is due on { $due }
cli-stack-not-running = The stack is not running: its next start (`docker compose up -d`) reads the new .env. Nothing was started.
cli-backup-inside-git-checkout = Note: it is inside the git checkout { $checkout } and holds private keys: move it out (or pass --out elsewhere), and never commit it.

## Importing your own certificate (src/cli/import_command.rs, src/cli/strings.rs)
run-step-install-certificate = Install the certificate where nginx loads it
run-note-import-previous-kept = The certificate it replaces is kept as nginx/ssl/dify-https.previous.crt (`dify-https undo` puts it back).
run-note-import-stack-stopped = The stack is not running: nginx loads the certificate at its next start. Nothing was started.
run-note-import-same = This certificate is installed already.
run-note-import-put-back = nginx did not reload: the certificate it served before is back in place.
import-finding-key-mismatch = The key belongs to none of the certificates in the files.
import-finding-key-mismatch-fix = Give the key that was made with this certificate's request (the .key file that came with it).
import-finding-key-unsupported = The key is of a kind browsers cannot use (only RSA, ECDSA P-256 and P-384 are).
import-finding-key-unsupported-fix = Ask your CA for an RSA 2048+ or ECDSA P-256 certificate.
import-finding-no-alternative-names = The certificate names { $names } only in its common name: browsers read only the subject-alternative names, and it has none.
import-finding-no-alternative-names-fix = Ask your CA to reissue it with the domain as a subject-alternative name (every public CA does).
import-finding-names-do-not-cover = The certificate is for { $names }, not for { $domain }.
import-finding-names-do-not-cover-fix = Import the certificate issued for { $domain } (or set that domain up first, if the certificate is for another one).
import-finding-expired-leaf = The certificate expired on { $date }.
import-finding-expired-chain = The chain's certificate "{ $subject }" expired on { $date }: browsers refuse the whole chain.
import-finding-expired-fix = Download the current certificate and chain from your CA.
import-finding-not-yet-valid = The certificate is valid only from { $date }.
import-finding-not-yet-valid-fix = Check this host's clock, or import it once it is valid.
import-finding-weak-key = Its key ({ $key }) is one browsers refuse.
import-finding-weak-key-fix = Ask your CA for an RSA 2048+ or ECDSA P-256 certificate.
import-finding-weak-signature = "{ $subject }" is signed with { $algorithm }, which browsers refuse.
import-finding-weak-signature-fix = Ask your CA for a certificate signed with SHA-256.
import-finding-not-for-servers = The certificate is not for web servers (its extended key usage leaves out TLS server authentication).
import-finding-not-for-servers-fix = Ask your CA for a TLS server certificate.
import-finding-chain-incomplete = The chain is incomplete: it stops at "{ $top }", issued by "{ $issuer }", which is not in the files. Many browsers, curl and every app refuse it.
import-finding-chain-incomplete-fix = Add the intermediate certificates your CA gave (often *_bundle.crt, chain.pem or ca-bundle) as the chain file, or use the "Nginx" download, which has them in one file. For a company CA, add its root too.
import-finding-browsers-refuse = Browsers would refuse the chain: { $why }
import-finding-browsers-refuse-fix = Download the certificate and its chain again from your CA.
import-finding-private-root = The chain ends at "{ $root }", a root browsers do not ship: only devices that trust it (a company's, with the root installed) accept the site.
import-finding-self-signed = The certificate signed itself: every browser warns, unless it is installed on each device.
import-finding-ends-soon = { $days ->
    [one] Only 1 day left: it ends on { $date }.
   *[other] Only { $days } days left: it ends on { $date }.
  }
import-finding-reordered = The files had the chain out of order: it is put in order (the certificate first, then its issuers).
import-finding-root-left-out = The root "{ $root }" is left out of the file nginx serves: browsers use their own copy.
import-finding-unrelated = { $count ->
    [one] 1 certificate in the files is not part of this chain: it is left out.
   *[other] { $count } certificates in the files are not part of this chain: they are left out.
  }
import-finding-key-beside-certificates = The certificate file also holds a private key: only the certificates are copied into nginx's certificate file.
cli-import-refused = Not imported; nothing was written:
cli-import-refusal-line = ✗ { $what }
cli-import-fix-line = {"  "}→ { $fix }
cli-import-warning-line = ! { $what }
cli-import-note-line = · { $what }
import-material-no-pem = { $file } holds no PEM certificate.
import-material-no-pem-pkcs12 = { $file } is a PKCS#12 (.pfx/.p12) bundle this version cannot open (an old RC2 or MD5 one, or one without its key). Convert it first: `openssl pkcs12 -in { $file } -nokeys -out cert.pem` and `openssl pkcs12 -in { $file } -nocerts -nodes -out key.pem` (add -legacy for an old one), then import those.
import-material-no-pem-der = { $file } is a binary (DER) certificate. Convert it first: `openssl x509 -inform der -in { $file } -out cert.pem`.
import-material-broken-pem = { $file } has a PEM block that cannot be decoded: download it again.
import-material-no-key = { $file } holds no private key (PEM "PRIVATE KEY", "RSA PRIVATE KEY" or "EC PRIVATE KEY").
import-material-several-keys = { $file } holds more than one private key: give the file with only this certificate's key.
import-material-encrypted-key = { $file } is encrypted with a passphrase: give it (nginx cannot read an encrypted key, so it is stored decrypted, readable by root only, only after your yes).
cli-import-no-domain = Which domain is it for? .env names none and the certificate names { $names }: add --domain.
cli-import-bad-domain = --domain: { $why }
cli-import-cannot-read = Cannot read { $file }: { $why }
cli-import-heading = Importing the certificate for { $domain }:
cli-import-summary = {"  "}names { $names }; issued by { $issuer }; valid until { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
  }); { $key }; SHA-256 { $fingerprint }
cli-import-where = It goes into nginx/ssl/dify-https.crt and nginx/ssl/dify-https.key (0600), the files .env points nginx at.
cli-import-lineage-beside = A Let's Encrypt certificate for { $domain } is there too (volumes/certbot/conf/live/{ $domain }): nginx would prefer it over a file named like it, so the imported files have names of their own and nginx loads them instead. Going back to Let's Encrypt is a `dify-https setup` away.
cli-import-replacing = It replaces the certificate imported before, in place: nginx reloads, no connection is dropped, and `dify-https undo` puts the old one back.
cli-import-same = This certificate is installed already ({ $env } points nginx at it); nothing to do.
cli-import-then-recreate = Then nginx is recreated with HTTPS and the certificate it serves is checked; if that fails, .env is put back as it was.
cli-import-then-reload = Then nginx reloads and the certificate it serves is checked.
cli-import-schedule-stays = The renewal schedule stays: nobody renews an imported certificate, so its daily run reminds you (webhooks) 30, 14, 7, 3 and 1 days before it ends instead.
cli-import-warnings-question = Import it despite the warnings above?
cli-import-question = Import it?
cli-import-not-done = nothing was written
status-replace-before = replace before { $date }
status-finding-imported-ends = { $days ->
    [one] the imported certificate ends in 1 day ({ $date }) and nobody renews it
   *[other] the imported certificate ends in { $days } days ({ $date }) and nobody renews it
  }
status-finding-imported-no-reminders = no schedule runs for this folder: nothing will remind you before the imported certificate ends
cli-remedy-replace-certificate = get the new certificate from your CA and import it: `dify-https import --cert FILE --key FILE` (nginx reloads, nothing drops)
tui-remedy-replace-certificate = get the new certificate from your CA, then press i to import it
cli-status-source = Source
cli-status-source-imported = imported (nobody renews it: replace it before it ends)
cli-status-source-letsencrypt = ACME (certbot renews it)
doctor-imported-unreadable = the imported certificate and key in nginx/ssl cannot be read as a pair
doctor-imported-good = { $days ->
    [one] imported certificate for { $domain }: key, names, chain and dates are good, 1 day left (replace before { $date })
   *[other] imported certificate for { $domain }: key, names, chain and dates are good, { $days } days left (replace before { $date })
  }
cli-import-undo-no-previous = The certificate replaced last is no longer in nginx/ssl (dify-https.previous.crt and .key): nothing to put back.
cli-import-undo-refused = The certificate replaced last cannot be put back:
cli-import-undo-heading = The last change replaced the imported certificate (on { $at }). Putting the one before back: { $names }, valid until { $date }, SHA-256 { $fingerprint }. nginx reloads; the current one is kept as the previous one.
cli-import-undo-question = Put it back?
cli-renew-imported-unreadable = nginx is pointed at an imported certificate in nginx/ssl that cannot be read: run `dify-https status` to see why.
cli-renew-imported = { $days ->
    [one] nginx serves an imported certificate: nobody renews it, 1 day left. Replace it before { $date } (`dify-https import`).
   *[other] nginx serves an imported certificate: nobody renews it, { $days } days left. Replace it before { $date } (`dify-https import`).
  }
cli-renew-imported-expired = nginx serves an imported certificate that expired on { $date }: import its replacement (`dify-https import`).
backup-refused-no-imported-pair = the archive says the certificate for { $domain } was imported, but it has no ssl/{ $file }
cli-import-chain-flag = Here: `dify-https import --cert FILE --key FILE --chain CHAIN-FILE`.
cli-import-domain-flag = If the domain in .env is not the one it serves: --domain NAME.
tui-screen-import = Your own certificate
tui-key-own-certificate = own certificate
tui-key-import = import
tui-key-import-next = next / check
tui-key-import-field = field
tui-key-import-now = import
tui-busy-checking-import = Checking the certificate…
tui-import-enter-files = Enter the certificate file and the key file (the chain file may stay empty).
tui-import-no-domain = Which domain is it for? .env names none and the certificate names { $names }: set the domain up first (w on the dashboard, or the wizard).
tui-demo-import = The demo does not import certificates: run dify-https in your Dify folder to import yours.
tui-import-help = A certificate you already have (bought, a company CA's, a cloud's free one): the paths of its files on this server, or their PEM text pasted into the fields. The chain may be in the certificate file (the "Nginx" downloads' *_bundle.crt) or apart; for a .pfx/.p12 bundle leave the key empty. It is checked as browsers would before anything is written.
tui-import-cert-label = Certificate file (PEM)
tui-import-key-label = Private key file (PEM)
tui-import-chain-label = Chain file (optional)
tui-import-heading = Import the certificate for { $domain }
tui-import-names = Names{"   "}
tui-import-issuer = Issuer{"  "}
tui-import-valid-until = Valid{"   "}
tui-import-until = until { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
  })
tui-import-key = Key{"     "}
tui-import-lineage-beside = A Let's Encrypt certificate for { $domain } is there too: nginx loads the imported files instead (they have names of their own). Going back to Let's Encrypt is a setup away (w).
tui-import-replacing = It replaces the certificate imported before, in place: nginx reloads, no connection drops, and the old one is kept (to put it back, quit and run `dify-https undo`).
tui-import-keys-that-change = { $count ->
    [one] 1 key of .env changes:
   *[other] { $count } keys of .env change:
  }
tui-import-then-recreate = Enter installs it, recreates nginx with HTTPS and checks what it serves; if that fails, .env is put back as it was.
tui-import-then-reload = Enter installs it, reloads nginx and checks what it serves.
tui-run-kind-import = Import
tui-import-header = Import { $sep } { $domain }{" "}
tui-run-import-finished = { $check } Import finished. { $note }
tui-run-after-failed-import = Nothing after this step ran; a .env change this run made is put back.
tui-folder-own-certificate-after = {" "}instead if you already have a certificate (bought, a company CA's, a cloud's): it is checked, then installed.
renewal-refused-imported = nginx serves an imported certificate: nobody renews it; import its replacement before it ends
tui-refused-imported = nginx serves an imported certificate: nobody renews it. Press i to import its replacement.
tui-dash-nobody-renews = {" "}(imported: nobody renews it)
tui-dash-imported = {" "}(imported)
cli-remedy-install-reminders = `sudo dify-https schedule install --notify URL` checks it daily and tells the webhook 30, 14, 7, 3 and 1 days before it ends
tui-remedy-install-reminders = press s to install the daily check, which reminds your webhooks before it ends
tui-key-replace = replace
import-material-wrong-passphrase = The passphrase does not open { $file }.
import-material-legacy-encrypted-key = { $file } is encrypted the old OpenSSL way (Proc-Type: 4,ENCRYPTED). Convert it first into a new file kept private: `openssl pkey -in { $file } -out key-plain.pem && chmod 600 key-plain.pem`, then import that.
import-finding-key-stored-decrypted = The key is encrypted and nginx cannot read it so: it is stored decrypted in nginx/ssl/dify-https.key (0600, root only). Your encrypted file is left as it is.
cli-import-passphrase-prompt = Passphrase of the key (not shown):{" "}
cli-import-passphrase-needed = { $file } is encrypted with a passphrase and there is no terminal to ask for it: give it in a file kept private with --key-passphrase-file FILE (nginx cannot read an encrypted key, so it is stored decrypted, 0600).
tui-import-passphrase-label = The key's passphrase (not shown)
import-material-pkcs12-passphrase = { $file } is a PKCS#12 (.pfx/.p12) bundle protected by a passphrase: give it (its key is then stored decrypted, readable by root only, only after your yes: nginx cannot read it otherwise).
import-material-no-key-file = Name the key file too (only a .pfx/.p12 bundle carries its own key).
tui-import-pasted-text = (pasted text)
tui-import-pasted-key = (a pasted private key)
tui-import-pasted-certificates = { $count ->
    [one] (1 pasted certificate)
   *[other] ({ $count } pasted certificates)
  }
status-finding-served-refused = browsers refuse the certificate nginx serves: { $why }
tui-run-output-rule-no-log = Output ({ $state })
plan-note-imported-served-until-switch = nginx serves an imported certificate: it keeps serving it (NGINX_SSL_CERT_FILENAME stays) until the new certificate exists; the run's HTTPS switch then points nginx at certbot's files. HTTPS stays on throughout.
