-- The board of directors becomes a role: elected members hold it (issue 9's board elections grant it), admins may
-- grant it by hand, and it lets its holders post pinned announcements and open proposals for voting.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('buyer', 'contributor', 'editor', 'admin', 'board'));
