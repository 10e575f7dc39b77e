"""Open Referral HSDS 3 (the Human Services Data Specification most 211s export): import a
211's services as knowledge-base resources, and export the resources back."""
