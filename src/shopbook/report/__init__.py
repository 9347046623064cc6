"""Reports: the daily report and the monthly review (workbooks with charts), and the e-mails."""
