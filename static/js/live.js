// Live notifications: see notifications issue.
