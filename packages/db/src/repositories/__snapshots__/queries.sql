-- listReviewItems (all filters)
select "ri"."id", "ri"."status", "ri"."score", "ri"."created_at", "ri"."updated_at", "p"."id" as "post_id", "p"."platform", "p"."kind", "p"."text", "p"."url", "p"."author_handle", "p"."posted_at", "c"."candidate", "c"."stance", "c"."category", "c"."model_version", "pe"."id" as "person_id", "pe"."name" as "person_name", "pe"."agency", "pe"."region_code" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pe" on "pe"."id" = "a"."person_id" where "ri"."status" = $1 and "p"."platform" = $2 and "c"."candidate" like $3 and ("pe"."region_code" = $4 or "pe"."region_code" like $5) and "ri"."score" >= $6 and ("p"."text" ilike $7 or "p"."author_handle" ilike $8 or "pe"."name" ilike $9) order by "ri"."score" desc, "ri"."created_at" desc, "ri"."id" limit $10 offset $11;

-- countReviewItemsByStatus
select "status", count(*) as "n" from "review_items" group by "status";

-- listDecidedItems
select "ri"."id" as "review_item_id", "d"."id" as "decision_id", "d"."decision", "d"."label", "d"."candidate", "d"."stance", "d"."category", "d"."note", "d"."created_at" as "decided_at", "u"."username" as "decided_by", "p"."platform", "p"."external_id", "p"."kind", "p"."url", "p"."text", "p"."context", "p"."posted_at", "p"."content_hash", "c"."score", "c"."model_version", "c"."candidate" as "model_candidate", "pe"."name" as "person_name", "pe"."nip", "pe"."agency", "pe"."position", "pe"."region_code", "pe"."ppk" from "review_decisions" as "d" inner join "review_items" as "ri" on "ri"."id" = "d"."review_item_id" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" inner join "users" as "u" on "u"."id" = "d"."decided_by" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pe" on "pe"."id" = "a"."person_id" where not exists (select "d2"."id" from "review_decisions" as "d2" where "d2"."review_item_id" = "d"."review_item_id" and "d2"."created_at" > "d"."created_at") and "d"."created_at" >= $1 and "d"."candidate" like $2 order by "d"."created_at";

-- appendDecision
insert into "review_decisions" ("review_item_id", "decided_by", "decision", "label", "candidate", "stance", "category", "note") values ($1, $2, $3, $4, $5, $6, $7, $8) returning *;
update "review_items" set "status" = $1, "updated_at" = now() where "id" = $2;

-- upsertPost
insert into "posts" ("platform", "external_id", "account_id", "author_handle", "url", "kind", "text", "content_hash", "posted_at", "fetched_at", "last_seen_at", "context", "media_descriptions", "raw", "crawl_run_id") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict ("platform", "external_id") do update set "last_seen_at" = greatest(posts.last_seen_at, excluded.last_seen_at) returning "id", (xmax = 0) as "inserted";

-- saveClassification
insert into "classifications" ("post_id", "model_version", "score", "flagged", "candidate", "stance", "category", "evidence", "language") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict ("post_id", "model_version") do nothing returning "id";
insert into "review_items" ("post_id", "classification_id", "score") values ($1, $2, $3) on conflict ("post_id") do nothing;
select "id" from "review_items" where "post_id" = $1;

-- upsertPosts (the classifier worker: one statement per table for a batch)
insert into "posts" ("platform", "external_id", "account_id", "author_handle", "url", "kind", "text", "content_hash", "posted_at", "fetched_at", "last_seen_at", "context", "media_descriptions", "image_readings", "raw", "crawl_run_id") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) on conflict ("platform", "external_id") do update set "last_seen_at" = greatest(posts.last_seen_at, excluded.last_seen_at), "image_readings" = CASE WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings ELSE posts.image_readings END returning "id", "platform", "external_id", (xmax = 0) as "inserted";

-- saveClassifications (the classifier worker)
insert into "classifications" ("post_id", "model_version", "score", "flagged", "candidate", "stance", "category", "evidence", "language") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict ("post_id", "model_version") do nothing returning "id", "post_id", "model_version";
select "id", "post_id", "model_version" from "classifications" where "post_id" in ($1) and "model_version" in ($2);

-- listCrawlableAccounts
select "a"."id", "a"."platform", "a"."handle", "a"."profile_url", "a"."person_id", "p"."region_code" from "accounts" as "a" inner join "people" as "p" on "p"."id" = "a"."person_id" where "p"."status" = $1 and "a"."id" in ($2) order by "a"."platform", "a"."handle";

-- recordAccountCrawled
select "id" from "crawl_runs" where "id" = $1 for update;
update "accounts" set "status" = $1, "last_crawled_at" = now(), "updated_at" = now() where "id" = $2;
insert into "crawl_run_accounts" ("run_id", "account_id", "status", "posts_found", "failed", "errors") values ($1, $2, $3, $4, $5, $6) on conflict ("run_id", "account_id") do update set "status" = excluded.status, "posts_found" = excluded.posts_found, "failed" = excluded.failed, "errors" = excluded.errors, "recorded_at" = now() where crawl_run_accounts.failed OR NOT excluded.failed;
update "crawl_runs" as "r" set "accounts_done" = s.done, "accounts_failed" = s.failed, "posts_found" = s.posts, "errors" = s.errors, "status" = CASE WHEN s.done >= r.accounts_total THEN 'completed' ELSE 'running' END, "started_at" = coalesce(r.started_at, now()), "finished_at" = CASE WHEN s.done >= r.accounts_total THEN coalesce(r.finished_at, now()) ELSE NULL END from (select count(*)::int as "done", (count(*) FILTER (WHERE a.failed))::int as "failed", coalesce(sum(a.posts_found), 0)::int as "posts", coalesce(
                (SELECT jsonb_agg(e || jsonb_build_object('accountId', x.account_id) ORDER BY x.recorded_at, x.account_id)
                 FROM crawl_run_accounts x, jsonb_array_elements(x.errors) e WHERE x.run_id = $1),
                '[]'::jsonb) as "errors" from "crawl_run_accounts" as "a" where "a"."run_id" = $2) as "s" where "r"."id" = $3;

-- countRecentFailures
select count(*) filter(where lower("username") = $1) as "by_username", count(*) filter(where "ip" = $2) as "by_ip" from "login_attempts" where "success" = $3 and "at" > $4;

-- findLiveSession
select "sessions".*, "users"."username", "users"."display_name", "users"."role", "users"."active" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id_hash" = $1 and "sessions"."expires_at" > $2;

-- listAudit
select * from "audit_log" where "entity_type" = $1 and "entity_id" = $2 and "actor_username" = $3 and "id" < $4 order by "id" desc limit $5;

-- readStoredRegistry
select "c".*, (select count(*) as "n" from "candidates" as "k" where "k"."contest_id" = "c"."id") as "candidate_count" from "contests" as "c" order by "c"."election_date", "c"."id";
select * from "candidates" order by "contest_id", "number";

-- listPostsToRecheck
select "p"."id", "p"."platform", "p"."external_id", "p"."kind", "p"."url", "p"."author_handle", "a"."handle" as "account_handle" from "posts" as "p" left join "accounts" as "a" on "a"."id" = "p"."account_id" where "p"."deleted_at" is null and "p"."platform" in ($1, $2) and (exists (select "ri"."id" from "review_items" as "ri" where "ri"."post_id" = "p"."id") or exists (select "t"."id" from "tips" as "t" where "t"."post_id" = "p"."id")) and ("p"."last_checked_at" is null or "p"."last_checked_at" < $3) order by p.last_checked_at NULLS FIRST, "p"."id" limit $4;

-- saveInteractions
insert into "post_interactions" ("post_id", "kind", "target_type", "target_external_id", "target_url", "target_author", "target_text", "target_candidate", "interacted_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict ("post_id") do nothing;

-- findWatchedAccount
select "a"."id", "a"."person_id", "a"."handle", "pe"."region_code" from "accounts" as "a" inner join "people" as "pe" on "pe"."id" = "a"."person_id" where "a"."platform" = $1 and lower(a.handle) = $2;

-- listPostIdsForEvidence
select "id", raw->>'evidenceManifest' as "manifest" from "posts" where "id" > $1 order by "id" limit $2;
