-- Governance (issue 9): proposals, one-member-one-vote ballots, results, board elections.
-- meeting_id names a meeting of migration 32 (gov-settings); it has no foreign key here because that table arrives
-- later: migration 32 may add it.
create table proposals (
    id                  uuid primary key,
    kind                text not null check (kind in ('ordinary', 'special', 'election')),
    title               text not null check (length(title) between 1 and 200),
    body_markdown       text not null,
    body_html           text not null,
    status              text not null default 'draft' check (status in ('draft', 'open', 'closed', 'withdrawn')),
    author_id           uuid not null references users (id),
    quorum_bp           int not null check (quorum_bp between 0 and 10000),
    -- Proposed while a draft; the real window once opened.
    opens_at            timestamptz,
    closes_at           timestamptz,
    eligible_classes    text[] not null check (cardinality(eligible_classes) > 0
                            and eligible_classes <@ array['contributor', 'worker', 'founder', 'buyer_member']),
    secret_ballot       boolean not null default true,
    seats               int check (seats >= 1),
    settings_change     jsonb,
    meeting_id          uuid,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    opened_at           timestamptz,
    closed_at           timestamptz,
    withdrawn_at        timestamptz,
    result              jsonb,
    settings_change_id  uuid,
    check ((kind = 'election') = (seats is not null)),
    check (settings_change is null or kind <> 'election'),
    check (opens_at is null or closes_at is null or closes_at > opens_at),
    check (status = 'draft' or status = 'withdrawn' or (opens_at is not null and closes_at is not null)),
    check (result is null or status = 'closed')
);
create index proposals_due on proposals (closes_at) where status = 'open';
create index proposals_listing on proposals (status, created_at desc);

-- role: yes | no | abstain (the default three), choice (custom options), candidate (elections).
create table proposal_options (
    id                 uuid primary key,
    proposal_id        uuid not null references proposals (id),
    label              text not null check (length(label) between 1 and 200),
    role               text not null check (role in ('yes', 'no', 'abstain', 'choice', 'candidate')),
    candidate_user_id  uuid references users (id),
    sort               int not null,
    unique (proposal_id, sort),
    unique (proposal_id, candidate_user_id),
    check ((role = 'candidate') = (candidate_user_id is not null))
);

-- Who may vote: the current members of the eligible classes at the moment the vote opened. Turnout and quorum are
-- measured against this list, so joining or leaving during the vote changes neither.
create table proposal_electorate (
    proposal_id   uuid not null references proposals (id),
    user_id       uuid not null references users (id),
    member_class  text not null,
    primary key (proposal_id, user_id)
);
create index proposal_electorate_user on proposal_electorate (user_id);

-- One counted ballot per elector (the primary key): casting again replaces the choice. After a secret ballot closes,
-- option_ids is cleared (who voted stays) and the choices live unlinked in anonymous_ballots.
create table ballots (
    proposal_id  uuid not null,
    voter_id     uuid not null,
    option_ids   uuid[] check (option_ids is null or cardinality(option_ids) > 0),
    cast_at      timestamptz not null default now(),
    changed_at   timestamptz not null default now(),
    primary key (proposal_id, voter_id),
    foreign key (proposal_id, voter_id) references proposal_electorate (proposal_id, user_id)
);

-- The secret choices of a closed proposal, without voter or time: the tally can be recounted from here, and nothing
-- links a row to a person (random ids, written in random order in one transaction).
create table anonymous_ballots (
    id           uuid primary key default gen_random_uuid(),
    proposal_id  uuid not null references proposals (id),
    option_ids   uuid[] not null check (cardinality(option_ids) > 0)
);
create index anonymous_ballots_proposal on anonymous_ballots (proposal_id);

-- Board mandates from elections; the board role in user_roles follows the open terms. proposal_id null: granted by hand.
create table board_terms (
    id           uuid primary key,
    user_id      uuid not null references users (id),
    proposal_id  uuid references proposals (id),
    started_at   timestamptz not null default now(),
    ended_at     timestamptz
);
create index board_terms_open on board_terms (user_id) where ended_at is null;

-- Results are permanent: once a closed proposal has its result, nothing changes it, its options, its electorate or
-- its ballots. The close transaction itself may clear secret choices (before it writes the result).
create function proposals_permanent() returns trigger language plpgsql as $$
begin
    if old.status = 'withdrawn' or (old.status = 'closed' and old.result is not null) then
        raise exception 'proposal % is % and can no longer change', old.id, old.status using errcode = 'check_violation';
    end if;
    if tg_op = 'DELETE' then
        raise exception 'proposals are never deleted' using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger proposals_permanent before update or delete on proposals
    for each row execute function proposals_permanent();

create function proposal_parts_permanent() returns trigger language plpgsql as $$
declare
    p record;
begin
    select status, result is not null as decided into p
    from proposals where id = coalesce(new.proposal_id, old.proposal_id);
    if tg_table_name = 'ballots' then
        if p.status = 'open' then return coalesce(new, old); end if;
        -- Closing or withdrawing: a ballot's choice may be cleared, nothing else.
        if tg_op = 'UPDATE' and not p.decided and new.option_ids is null
           and new.voter_id = old.voter_id and new.cast_at = old.cast_at and new.changed_at = old.changed_at then
            return new;
        end if;
    elsif tg_table_name = 'anonymous_ballots' then
        if tg_op = 'INSERT' and p.status = 'closed' and not p.decided then return new; end if;
    elsif tg_table_name = 'proposal_electorate' then
        if tg_op = 'INSERT' and p.status in ('draft', 'open') then return new; end if;
    elsif p.status = 'draft' then
        return coalesce(new, old);
    elsif tg_op = 'INSERT' and p.status <> 'withdrawn' and not p.decided then
        -- Options are written with the proposal (a draft, or a record imported before its result).
        return new;
    end if;
    raise exception '% of a % proposal can no longer change', tg_table_name, p.status using errcode = 'check_violation';
end $$;
create trigger ballots_permanent before insert or update or delete on ballots
    for each row execute function proposal_parts_permanent();
create trigger anonymous_ballots_permanent before insert or update or delete on anonymous_ballots
    for each row execute function proposal_parts_permanent();
create trigger proposal_electorate_permanent before insert or update or delete on proposal_electorate
    for each row execute function proposal_parts_permanent();
create trigger proposal_options_permanent before insert or update or delete on proposal_options
    for each row execute function proposal_parts_permanent();
