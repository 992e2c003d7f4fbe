"""The ASB Case Review (Community Trigger): public application, threshold check, review, deadlines, annual figures.

Anti-social Behaviour, Crime and Policing Act 2014, s.104 and Schedule 4. A subpackage of casework because it
reads casework incidents and people; its pages live under /case-review/ (urls.py) and its API under
/api/case-reviews/.
"""
