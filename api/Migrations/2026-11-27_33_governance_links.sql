-- The two governance parts were built side by side (migrations 31 and 32), so neither could name the other's table.
-- Now both exist: a settings change names the proposal that authorised it, a proposal the meeting it belongs to.
alter table settings_changes
    add constraint settings_changes_proposal_fk foreign key (proposal_id) references proposals (id);
alter table proposals
    add constraint proposals_meeting_fk foreign key (meeting_id) references meetings (id);
create index proposals_meeting on proposals (meeting_id) where meeting_id is not null;
