-- Royalties on sales: the co-op's settings (rates, thresholds, patronage shares), the split of an order line into
-- its standard part (the size's price) and extended part (the add-ons, paid at a higher royalty rate), and the
-- requests to claw back a Stripe transfer when a refund reverses royalties that were already paid out.

-- Settings the members decide (issue 9 will change them by vote). Read through api/Royalties/CoopSettings.cs; a key
-- missing here falls back to the default written there. The check keeps a typo from reaching a sale's posting.
create table coop_settings (
    key         text primary key check (key ~ '^[a-z][a-z0-9_]{1,60}$'),
    value       jsonb not null,
    updated_at  timestamptz not null default now(),
    check (case key
        when 'royalty_rate_standard_bp' then jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric between 0 and 10000
        when 'royalty_rate_extended_bp' then jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric between 0 and 10000
        when 'payout_threshold_minor' then jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric >= 0
        when 'payout_hold_days' then jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric between 0 and 365
        when 'patronage_cash_bp' then jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric between 0 and 10000
        when 'patronage_class_shares' then jsonb_typeof(value) = 'object'
        else true end)
);
insert into coop_settings (key, value) values
    ('royalty_rate_standard_bp', '5000'),
    ('royalty_rate_extended_bp', '7500'),
    ('payout_threshold_minor', '2500'),
    ('payout_hold_days', '30'),
    ('patronage_class_shares', '{"contributor": 9000, "worker": 500, "founder": 500}'),
    ('patronage_cash_bp', '2000');

-- An order line's amount = standard part + extended part. The extended part earns the extended royalty rate. An
-- upgrade line's parts are its differences (the add-ons it adds; the rest is the size step). Lines written before
-- this migration (and any insert that does not say) are all standard.
alter table order_lines add column amount_extended bigint not null default 0;
alter table order_lines add constraint order_lines_amount_extended check (amount_extended between 0 and amount);
alter table order_lines add column amount_standard bigint generated always as (amount - amount_extended) stored;

-- A refund reversed more royalty than the contributor still had owed (it was paid out): the excess went to their
-- receivable, and this asks the payouts job to reverse that much of the Stripe transfer. 'netted': the reversal
-- failed or was not possible, so the receivable nets against future royalties.
create table transfer_reversal_requests (
    id          uuid primary key,
    user_id     uuid not null references users (id),
    amount      bigint not null check (amount > 0),
    currency    text not null check (currency ~ '^[A-Z]{3}$'),
    -- The refund journal that recorded the receivable.
    journal_id  uuid not null,
    status      text not null default 'pending' check (status in ('pending', 'reversed', 'failed', 'netted')),
    created_at  timestamptz not null default now()
);
create index transfer_reversal_requests_pending on transfer_reversal_requests (created_at) where status = 'pending';
create index transfer_reversal_requests_user on transfer_reversal_requests (user_id, created_at desc);

-- Statements and earnings read a member's postings by month: the journal's time and kind beside the account.
create index ledger_journals_kind_occurred on ledger_journals (kind, occurred_at);
