-- Messaging (issue 9): private threads between a buyer (anyone signed in) and a contributor, and the members' board.
-- One table of threads for both: a private thread has exactly two parties (started_by and recipient_id); a board
-- topic has no recipient and is visible to every current member.
create table message_threads (
    id               uuid primary key,
    kind             text not null check (kind in ('question', 'commission', 'topic')),
    -- The subject of a private thread, the title of a board topic.
    subject          text not null check (length(subject) between 1 and 200),
    started_by       uuid not null references users (id) on delete cascade,
    recipient_id     uuid references users (id) on delete cascade,
    -- The photo a question or commission is about, when it was started from an asset page.
    asset_id         uuid references assets (id) on delete set null,
    budget_amount    bigint,
    budget_currency  text,
    deadline         date,
    announcement     boolean not null default false,
    pinned           boolean not null default false,
    created_at       timestamptz not null default now(),
    -- The newest message's time: the inbox and the board are ordered by it, and a thread is unread for a person
    -- when it is newer than their read mark.
    last_message_at  timestamptz not null default now(),
    check ((kind = 'topic') = (recipient_id is null)),
    check (recipient_id is null or recipient_id <> started_by),
    check (kind = 'commission' or (budget_amount is null and deadline is null)),
    check ((budget_amount is null) = (budget_currency is null)),
    check (budget_amount is null or (budget_amount > 0 and budget_currency ~ '^[A-Z]{3}$')),
    check (kind = 'topic' or not (announcement or pinned))
);
-- My inbox, newest activity first: the threads I started and the threads addressed to me, two index range scans.
create index message_threads_started_by on message_threads (started_by, last_message_at desc, id desc) where kind <> 'topic';
create index message_threads_recipient on message_threads (recipient_id, last_message_at desc, id desc) where recipient_id is not null;
-- The board: pinned first, then latest activity.
create index message_threads_board on message_threads (pinned desc, last_message_at desc, id desc) where kind = 'topic';

create table messages (
    id             uuid primary key,
    thread_id      uuid not null references message_threads (id) on delete cascade,
    author_id      uuid not null references users (id) on delete cascade,
    -- What the author typed, and its safe HTML rendered once at write time (SafeMarkdown).
    body_markdown  text not null check (length(body_markdown) between 1 and 20000),
    body_html      text not null,
    -- Plain text for inbox previews and notices.
    excerpt        text not null,
    created_at     timestamptz not null default now(),
    -- Reported: hidden from everyone but its author and admins until an admin decides.
    hidden_at      timestamptz,
    hidden_reason  text,
    -- An admin upheld a report: it stays hidden for good.
    removed_at     timestamptz,
    check (removed_at is null or hidden_at is not null)
);
-- A thread's messages in order; the unread counts scan the tail of this range.
create index messages_thread_created on messages (thread_id, created_at, id);

-- How far each person has read each thread (private threads and board topics alike). Posting moves your own mark.
create table thread_reads (
    user_id       uuid not null references users (id) on delete cascade,
    thread_id     uuid not null references message_threads (id) on delete cascade,
    last_read_at  timestamptz not null,
    primary key (user_id, thread_id)
);

-- Blocking is personal: the blocked person cannot start or continue a private thread with the blocker, and the
-- blocker's board shows the blocked person's posts collapsed.
create table user_blocks (
    blocker_id  uuid not null references users (id) on delete cascade,
    blocked_id  uuid not null references users (id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
);

create table message_reports (
    id           uuid primary key,
    message_id   uuid not null references messages (id) on delete cascade,
    reporter_id  uuid not null references users (id) on delete cascade,
    reason       text not null check (length(reason) between 1 and 1000),
    status       text not null default 'open' check (status in ('open', 'removed', 'restored')),
    created_at   timestamptz not null default now(),
    reviewed_by  uuid references users (id) on delete set null,
    reviewed_at  timestamptz,
    note         text check (length(note) <= 1000),
    -- One report per person per message: reporting again answers the existing report.
    unique (message_id, reporter_id),
    check ((status = 'open') = (reviewed_at is null))
);
-- The admins' queue: open reports, oldest first.
create index message_reports_open on message_reports (created_at) where status = 'open';

-- Two new API-key scopes for private conversations (see Integrations/ApiScopes.cs).
alter table api_keys drop constraint api_keys_scopes_check;
alter table api_keys add constraint api_keys_scopes_check check (
    cardinality(scopes) between 1 and 10
    and scopes <@ array['catalog:read', 'lightboxes:write', 'licenses:read', 'licenses:write',
                        'uploads:write', 'assets:read', 'earnings:read', 'webhooks:write',
                        'messages:read', 'messages:write']::text[]);
