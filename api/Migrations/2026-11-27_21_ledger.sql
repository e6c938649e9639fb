-- The co-op's books: a double-entry ledger. Every money event is one journal with a unique external reference
-- (posting the same sale twice, even concurrently, yields one journal); its postings are integer minor units,
-- positive = debit, negative = credit, and sum to zero per journal and currency: the database refuses anything
-- else at commit (a deferred constraint trigger), not only the code. Postings and journals are append-only:
-- corrections are new, reversing journals. A balance at any past date is the sum of postings up to it.

create table ledger_accounts (
    id          uuid primary key,
    -- Per member (user_id set): royalties_payable (what the co-op owes a contributor), receivable (royalties paid
    -- out and then refunded, netted against future royalties), patronage_payable.
    -- The co-op's own (user_id null): payments_clearing (money held by the payment provider), revenue (gross
    -- licence sales), refunds (contra-revenue), royalty_expense, provider_fees, payouts_in_transit, cash (the bank),
    -- patronage_pool, operating_expenses, retained_surplus.
    kind        text not null check (kind in ('royalties_payable', 'receivable', 'patronage_payable',
                                              'payments_clearing', 'revenue', 'refunds', 'royalty_expense', 'provider_fees',
                                              'payouts_in_transit', 'cash', 'patronage_pool', 'operating_expenses',
                                              'retained_surplus')),
    user_id     uuid references users (id),
    currency    text not null check (currency ~ '^[A-Z]{3}$'),
    created_at  timestamptz not null default now(),
    check ((kind in ('royalties_payable', 'receivable', 'patronage_payable')) = (user_id is not null))
);
create unique index ledger_accounts_key on ledger_accounts (kind, user_id, currency) nulls not distinct;

create table ledger_journals (
    id            uuid primary key,
    -- What the journal records, unique: 'sale:<order line id>', 'refund:<refund id>:<order line id>',
    -- 'fee:<payment reference>', 'payout:<payout id>', 'reversal:<journal id>', ...
    external_ref  text not null unique check (length(external_ref) between 1 and 200),
    kind          text not null check (kind in ('sale', 'refund', 'fee', 'payout', 'payout_settled', 'payout_failed',
                                                'transfer_reversal', 'patronage', 'expense', 'reversal', 'correction')),
    -- When it happened (the sale's payment time), which statements and balances "as of" use;
    -- recorded_at is when the books learnt of it.
    occurred_at   timestamptz not null,
    recorded_at   timestamptz not null default now(),
    description   text not null,
    -- For corrections: the journal this one reverses.
    -- (Checked by the trigger below, not a foreign key: see the end of this file.)
    reverses      uuid,
    -- Context for statements and earnings lines (nullable: not every journal is about a sale).
    order_line_id uuid references order_lines (id),
    asset_id      uuid references assets (id)
);
create index ledger_journals_occurred on ledger_journals (occurred_at);
create index ledger_journals_order_line on ledger_journals (order_line_id) where order_line_id is not null;

create table ledger_postings (
    id          bigint generated always as identity primary key,
    journal_id  uuid not null,
    account_id  uuid not null references ledger_accounts (id),
    amount      bigint not null check (amount <> 0),
    currency    text not null check (currency ~ '^[A-Z]{3}$'),
    -- A royalty posting's share of the split, in basis points (for the contributor's statement).
    share_bp    int check (share_bp between 1 and 10000),
    -- The rate applied, in basis points (5000 = 50 %), for royalty postings.
    rate_bp     int check (rate_bp between 0 and 10000)
);
create index ledger_postings_account on ledger_postings (account_id, journal_id);
create index ledger_postings_journal on ledger_postings (journal_id);

-- At commit: every journal touched balances per currency, has postings, and posts in its accounts' currencies.
create function ledger_check_journal(journal uuid) returns void
language plpgsql as $$
declare
    unbalanced record;
begin
    if not exists (select 1 from ledger_journals where id = journal) then
        raise exception 'ledger posting for journal % which does not exist', journal using errcode = '23503';
    end if;
    if exists (select 1 from ledger_journals j where j.id = journal and j.reverses is not null
               and not exists (select 1 from ledger_journals r where r.id = j.reverses)) then
        raise exception 'ledger journal % reverses a journal that does not exist', journal using errcode = '23503';
    end if;
    if not exists (select 1 from ledger_postings where journal_id = journal) then
        raise exception 'ledger journal % has no postings', journal using errcode = '23514';
    end if;
    select p.currency, sum(p.amount) as total into unbalanced
    from ledger_postings p where p.journal_id = journal
    group by p.currency having sum(p.amount) <> 0 limit 1;
    if found then
        raise exception 'ledger journal % does not balance: % % left over', journal, unbalanced.total, unbalanced.currency
            using errcode = '23514';
    end if;
    if exists (select 1 from ledger_postings p join ledger_accounts a on a.id = p.account_id
               where p.journal_id = journal and a.currency <> p.currency) then
        raise exception 'ledger journal % posts in a currency its account does not hold', journal using errcode = '23514';
    end if;
end
$$;
create function ledger_check_posting() returns trigger
language plpgsql as $$
begin
    perform ledger_check_journal(new.journal_id);
    return null;
end
$$;
create function ledger_check_new_journal() returns trigger
language plpgsql as $$
begin
    perform ledger_check_journal(new.id);
    return null;
end
$$;
create constraint trigger ledger_postings_balanced after insert on ledger_postings
    deferrable initially deferred for each row execute function ledger_check_posting();
create constraint trigger ledger_journals_have_postings after insert on ledger_journals
    deferrable initially deferred for each row execute function ledger_check_new_journal();

-- Append-only, twice over: the application's own role loses UPDATE, DELETE and TRUNCATE on the books (an owner may
-- revoke its own privileges), and a trigger refuses them for anyone else.
create function ledger_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the ledger is append-only: record a reversing journal instead of changing %', tg_table_name
        using errcode = '42501';
end
$$;
create trigger ledger_postings_append_only before update or delete or truncate on ledger_postings
    for each statement execute function ledger_append_only();
create trigger ledger_journals_append_only before update or delete or truncate on ledger_journals
    for each statement execute function ledger_append_only();
-- That is also why postings reference their journal through the commit-time trigger rather than a foreign key: a
-- foreign-key check locks the referenced row FOR KEY SHARE, which PostgreSQL allows only with UPDATE privilege.
revoke update, delete, truncate on ledger_postings, ledger_journals from current_user;
