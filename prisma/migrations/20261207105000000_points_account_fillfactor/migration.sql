-- Hand-written (issue 23): the monthly earning job updates every earning customer's running balance
-- once or twice; with free space on each page the update stays on its page (a HOT update: no new
-- primary-key entry), as customer_membership does for the re-grading.
ALTER TABLE "points_account" SET (fillfactor = 70);
