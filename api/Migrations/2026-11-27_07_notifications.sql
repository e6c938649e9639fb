-- What members are told: in the app (notifications) and by e-mail (email_outbox).
-- Both rows are written in the transaction of the event they describe (the outbox pattern), so a
-- decision and its notification commit or roll back together; a job sends the e-mails afterwards.
create table notifications (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    kind        text not null,
    title       text not null,
    body        text,
    link        text,
    created_at  timestamptz not null default now(),
    read_at     timestamptz
);
create index notifications_user_created on notifications (user_id, created_at desc);
-- The unread badge counts these on every page load.
create index notifications_user_unread on notifications (user_id) where read_at is null;

create table email_outbox (
    id            uuid primary key,
    to_email      text not null,
    subject       text not null,
    text_body     text not null,
    html_body     text not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz,
    -- No SMTP configured: the mail stays here for an admin to read in the app.
    kept_locally  boolean not null default false,
    attempts      int not null default 0,
    last_error    text
);
-- The dispatch job scans only what is still to send.
create index email_outbox_pending on email_outbox (created_at) where sent_at is null and not kept_locally;
