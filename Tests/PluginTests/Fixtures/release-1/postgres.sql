--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account (
    id text NOT NULL COLLATE pg_catalog."C",
    portal_key text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: api_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_token (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    token_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: audit_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_event (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    about_key text,
    occurred_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.counter (
    id text NOT NULL COLLATE pg_catalog."C",
    expires_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: customer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    display_name text NOT NULL COLLATE pg_catalog."C",
    record jsonb NOT NULL
);


--
-- Name: customer_email; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_email (
    account_id text NOT NULL,
    email text NOT NULL,
    customer_id text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: invoice; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invoice (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    customer_id text NOT NULL COLLATE pg_catalog."C",
    job_id text COLLATE pg_catalog."C",
    number text NOT NULL,
    voided boolean NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: job; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    customer_id text COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: lead; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    job_id text NOT NULL COLLATE pg_catalog."C",
    assignee_id text COLLATE pg_catalog."C",
    submitted_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: login_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_token (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    token_hash text NOT NULL,
    used_at timestamp with time zone,
    expires_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: outbox_message; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_message (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    status text NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    about_key text,
    record jsonb NOT NULL
);


--
-- Name: payment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    invoice_id text NOT NULL COLLATE pg_catalog."C",
    idempotency_key text,
    received_at timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: proposal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.proposal (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    job_id text NOT NULL COLLATE pg_catalog."C",
    customer_id text NOT NULL COLLATE pg_catalog."C",
    status text NOT NULL,
    version integer NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: proposal_link; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.proposal_link (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    proposal_id text NOT NULL COLLATE pg_catalog."C",
    token_hash text NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: schema_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migration (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone NOT NULL
);


--
-- Name: session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.session (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    absolute_expiry timestamp with time zone NOT NULL,
    record jsonb NOT NULL
);


--
-- Name: staff_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_user (
    id text NOT NULL COLLATE pg_catalog."C",
    account_id text NOT NULL,
    email text NOT NULL,
    name text NOT NULL COLLATE pg_catalog."C",
    record jsonb NOT NULL
);


--
-- Data for Name: account; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.account (id, portal_key, created_at, record) FROM stdin;
demo-account	greenleaf-demo	2026-11-29 23:00:12.019+00	{"id": "demo-account", "name": "Greenleaf Landscaping & Tree Care", "branding": {"email": "office@greenleaf.example", "phone": "(555) 010-2200", "address": "400 Meadow Lane, Springfield, IL 62701", "accentColor": "#2f7d32", "displayName": "Greenleaf Landscaping"}, "settings": {"webhookURLs": [], "openInvoiceWhen": "invoiceDateOrSent", "proposalExpiryDays": 30, "allowsPartialPayments": true, "serviceFeeBasisPoints": 300, "leadFormAllowedOrigins": [], "leadNotificationEmails": ["office@greenleaf.example", "sales@greenleaf.example"], "paidInvoiceRetentionDays": 365}, "createdAt": "2026-11-29T23:00:12.019Z", "portalKey": "greenleaf-demo", "currencyCode": "USD", "emailTemplates": [], "timeZoneIdentifier": "America/Chicago"}
\.


--
-- Data for Name: api_token; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.api_token (id, account_id, token_hash, created_at, record) FROM stdin;
bc43bad0-3700-42e7-ab43-49791e1162ab	demo-account	e11313b578c289ef82f651dfa4466ab51a41a0dea7e99f1b513dd9a46c5865e6	2026-11-29 23:00:12.079+00	{"id": "bc43bad0-3700-42e7-ab43-49791e1162ab", "name": "fixture", "accountID": "demo-account", "createdAt": "2026-11-29T23:00:12.079Z", "tokenHash": "e11313b578c289ef82f651dfa4466ab51a41a0dea7e99f1b513dd9a46c5865e6"}
\.


--
-- Data for Name: audit_event; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_event (id, account_id, about_key, occurred_at, record) FROM stdin;
7e6cd450-9bd1-43b7-b464-7bcea0fa1909	demo-account	customer:demo-cece	2026-11-29 23:01:33.846+00	{"id": "7e6cd450-9bd1-43b7-b464-7bcea0fa1909", "about": {"id": "demo-cece", "kind": "customer"}, "action": "loggedIn", "accountID": "demo-account", "ipAddress": "127.0.0.1", "userAgent": "python-requests/2.34.2", "actorEmail": "cece@example.com", "customerID": "demo-cece", "occurredAt": "2026-11-29T23:01:33.846Z"}
bbea9b86-da7e-4915-9296-a2e866f36b81	demo-account	invoice:demo-invoice-1001	2026-11-29 23:01:33.882999+00	{"id": "bbea9b86-da7e-4915-9296-a2e866f36b81", "about": {"id": "demo-invoice-1001", "kind": "invoice"}, "action": "invoicePaid", "detail": "Paid USD 240.00 (Visa ending 4242)", "accountID": "demo-account", "ipAddress": "127.0.0.1", "userAgent": "python-requests/2.34.2", "actorEmail": "cece@example.com", "customerID": "demo-cece", "occurredAt": "2026-11-29T23:01:33.883Z"}
ff39de76-3291-4822-8067-ec05ce962167	demo-account	lead:376f7412-ca8d-465d-a592-17af1524833c	2026-11-29 23:01:33.905+00	{"id": "ff39de76-3291-4822-8067-ec05ce962167", "about": {"id": "376f7412-ca8d-465d-a592-17af1524833c", "kind": "lead"}, "action": "leadSubmitted", "accountID": "demo-account", "ipAddress": "127.0.0.1", "userAgent": "python-requests/2.34.2", "actorEmail": "jordan@example.net", "occurredAt": "2026-11-29T23:01:33.905Z"}
\.


--
-- Data for Name: counter; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.counter (id, expires_at, record) FROM stdin;
\.


--
-- Data for Name: customer; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customer (id, account_id, display_name, record) FROM stdin;
demo-cece	demo-account	Cece Cunningham	{"id": "demo-cece", "phone": "(555) 010-3301", "emails": ["cece@example.com"], "accountID": "demo-account", "displayName": "Cece Cunningham", "billingAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}, "serviceAddresses": [{"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}]}
demo-harbor	demo-account	Harbor View HOA	{"id": "demo-harbor", "emails": ["pat.manager@example.com", "board@harborview.example"], "accountID": "demo-account", "displayName": "Harbor View HOA", "billingAddress": {"city": "Springfield", "line1": "1 Harbor View Drive", "region": "IL", "postalCode": "62702"}, "serviceAddresses": [{"city": "Springfield", "line1": "1 Harbor View Drive", "region": "IL", "postalCode": "62702"}]}
demo-maple	demo-account	Maple Court Apartments	{"id": "demo-maple", "emails": ["pat.manager@example.com"], "accountID": "demo-account", "displayName": "Maple Court Apartments", "serviceAddresses": [{"city": "Springfield", "line1": "88 Maple Court", "region": "IL", "postalCode": "62703"}]}
\.


--
-- Data for Name: customer_email; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customer_email (account_id, email, customer_id) FROM stdin;
demo-account	cece@example.com	demo-cece
demo-account	board@harborview.example	demo-harbor
demo-account	pat.manager@example.com	demo-harbor
demo-account	pat.manager@example.com	demo-maple
\.


--
-- Data for Name: invoice; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.invoice (id, account_id, customer_id, job_id, number, voided, record) FROM stdin;
demo-invoice-1001	demo-account	demo-cece	\N	INV-1001	f	{"id": "demo-invoice-1001", "number": "INV-1001", "sentAt": "2026-10-30T23:00:12.019Z", "voided": false, "dueDate": "2026-11-29", "accountID": "demo-account", "createdAt": "2026-10-30T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1001", "quantity": 1, "unitPrice": 24000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 24000, "customerID": "demo-cece", "invoiceDate": "2026-10-30", "taxRateBasisPoints": 0}
demo-invoice-1002	demo-account	demo-cece	demo-job-completed	INV-1002	f	{"id": "demo-invoice-1002", "jobID": "demo-job-completed", "number": "INV-1002", "sentAt": "2026-05-13T23:00:12.019Z", "voided": false, "dueDate": "2026-06-12", "accountID": "demo-account", "createdAt": "2026-05-13T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1002", "quantity": 1, "unitPrice": 18000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 18000, "customerID": "demo-cece", "invoiceDate": "2026-05-13", "taxRateBasisPoints": 0}
demo-invoice-1003	demo-account	demo-cece	\N	INV-1003	f	{"id": "demo-invoice-1003", "number": "INV-1003", "sentAt": "2025-10-25T23:00:12.019Z", "voided": false, "dueDate": "2025-11-24", "accountID": "demo-account", "createdAt": "2025-10-25T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1003", "quantity": 1, "unitPrice": 15000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 15000, "customerID": "demo-cece", "invoiceDate": "2025-10-25", "taxRateBasisPoints": 0}
demo-invoice-1004	demo-account	demo-cece	\N	INV-1004	f	{"id": "demo-invoice-1004", "number": "INV-1004", "sentAt": "2025-10-25T23:00:12.019Z", "voided": false, "dueDate": "2025-11-24", "accountID": "demo-account", "createdAt": "2025-10-25T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1004", "quantity": 1, "unitPrice": 9500, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-cece", "invoiceDate": "2025-10-25", "taxRateBasisPoints": 0}
demo-invoice-1005	demo-account	demo-cece	\N	INV-1005	t	{"id": "demo-invoice-1005", "number": "INV-1005", "sentAt": "2026-11-09T23:00:12.019Z", "voided": true, "dueDate": "2026-12-09", "accountID": "demo-account", "createdAt": "2026-11-09T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1005", "quantity": 1, "unitPrice": 30000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-cece", "invoiceDate": "2026-11-09", "taxRateBasisPoints": 0}
demo-invoice-1006	demo-account	demo-cece	\N	INV-1006	f	{"id": "demo-invoice-1006", "number": "INV-1006", "sentAt": "2026-11-14T23:00:12.019Z", "voided": false, "dueDate": "2026-12-14", "accountID": "demo-account", "createdAt": "2026-11-14T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1006", "quantity": 1, "unitPrice": 0, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-cece", "invoiceDate": "2026-11-14", "taxRateBasisPoints": 0}
demo-invoice-1007	demo-account	demo-cece	\N	INV-1007	f	{"id": "demo-invoice-1007", "number": "INV-1007", "sentAt": "2026-11-19T23:00:12.019Z", "voided": false, "dueDate": "2026-12-19", "accountID": "demo-account", "createdAt": "2026-11-19T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1007", "quantity": 1, "unitPrice": 50000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 20000, "customerID": "demo-cece", "invoiceDate": "2026-11-19", "taxRateBasisPoints": 0}
demo-invoice-1008	demo-account	demo-cece	\N	INV-1008	f	{"id": "demo-invoice-1008", "number": "INV-1008", "voided": false, "dueDate": "2027-01-08", "accountID": "demo-account", "createdAt": "2026-11-29T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1008", "quantity": 1, "unitPrice": 12000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-cece", "invoiceDate": "2026-12-09", "taxRateBasisPoints": 0}
demo-invoice-1009	demo-account	demo-cece	\N	INV-1009	f	{"id": "demo-invoice-1009", "number": "INV-1009", "sentAt": "2026-11-29T23:00:12.019Z", "voided": false, "dueDate": "2027-01-08", "accountID": "demo-account", "createdAt": "2026-11-29T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1009", "quantity": 1, "unitPrice": 13000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-cece", "invoiceDate": "2026-12-09", "taxRateBasisPoints": 0}
demo-invoice-1010	demo-account	demo-maple	\N	INV-1010	f	{"id": "demo-invoice-1010", "number": "INV-1010", "sentAt": "2026-11-17T23:00:12.019Z", "voided": false, "dueDate": "2026-12-17", "accountID": "demo-account", "createdAt": "2026-11-17T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1010", "quantity": 1, "unitPrice": 41000, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 0, "customerID": "demo-maple", "invoiceDate": "2026-11-17", "taxRateBasisPoints": 0}
demo-invoice-1011	demo-account	demo-harbor	demo-job-closed	INV-1011	f	{"id": "demo-invoice-1011", "jobID": "demo-job-closed", "number": "INV-1011", "sentAt": "2026-08-21T23:00:12.019Z", "voided": false, "dueDate": "2026-09-20", "accountID": "demo-account", "createdAt": "2026-08-21T23:00:12.019Z", "lineItems": [{"id": "demo-item-inv-1011", "quantity": 1, "unitPrice": 27500, "isOptional": false, "description": "Landscape maintenance"}], "amountPaid": 27500, "customerID": "demo-harbor", "invoiceDate": "2026-08-21", "taxRateBasisPoints": 0}
\.


--
-- Data for Name: job; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.job (id, account_id, customer_id, created_at, record) FROM stdin;
4f792c78-4f17-4d7e-a5fc-99ea45ce5355	demo-account	\N	2026-11-29 23:01:33.905+00	{"id": "4f792c78-4f17-4d7e-a5fc-99ea45ce5355", "stage": "lead", "title": "Service request", "accountID": "demo-account", "createdAt": "2026-11-29T23:01:33.905Z", "portalLead": true, "createdStage": "lead"}
demo-job-accepted-email	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-accepted-email", "stage": "active", "title": "Fall aeration", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-accepted-portal	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-accepted-portal", "stage": "active", "title": "Weekly mowing", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-accepted-staff	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-accepted-staff", "stage": "active", "title": "Hedge trimming", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "lead", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-closed	demo-account	demo-harbor	2026-08-11 23:00:12.019+00	{"id": "demo-job-closed", "stage": "closed", "title": "Storm clean-up", "workDate": "2026-08-16", "accountID": "demo-account", "createdAt": "2026-08-11T23:00:12.019Z", "customerID": "demo-harbor", "portalLead": false, "createdStage": "active", "completedDate": "2026-08-21", "serviceAddress": {"city": "Springfield", "line1": "1 Harbor View Drive", "region": "IL", "postalCode": "62702"}}
demo-job-completed	demo-account	demo-cece	2026-04-23 23:00:12.019+00	{"id": "demo-job-completed", "stage": "completed", "title": "Summer maintenance", "workDate": "2026-05-03", "accountID": "demo-account", "createdAt": "2026-04-23T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "active", "completedDate": "2026-05-13", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-declined	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-declined", "stage": "lost", "title": "Patio pavers", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-draft	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-draft", "stage": "proposal", "title": "Irrigation start-up", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-expired	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-expired", "stage": "proposal", "title": "Stump grinding", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-harbor-trees	demo-account	demo-harbor	2026-10-20 23:00:12.019+00	{"id": "demo-job-harbor-trees", "stage": "proposal", "title": "Common-area tree care", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-harbor", "portalLead": false, "createdStage": "lead", "serviceAddress": {"city": "Springfield", "line1": "1 Harbor View Drive", "region": "IL", "postalCode": "62702"}}
demo-job-phone-lead	demo-account	\N	2026-11-26 23:00:12.019+00	{"id": "demo-job-phone-lead", "stage": "lead", "title": "Phone enquiry: lawn care", "accountID": "demo-account", "createdAt": "2026-11-26T23:00:12.019Z", "portalLead": false, "createdStage": "lead"}
demo-job-portal-lead	demo-account	\N	2026-11-28 23:00:12.019+00	{"id": "demo-job-portal-lead", "stage": "lead", "title": "Service request: tree removal", "accountID": "demo-account", "createdAt": "2026-11-28T23:00:12.019Z", "portalLead": true, "createdStage": "lead"}
demo-job-reverted	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-reverted", "stage": "proposal", "title": "Oak pruning (created active, reverted)", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "active", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-spring-cleanup	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-spring-cleanup", "stage": "proposal", "title": "Spring clean-up and mulch", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "lead", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
demo-job-tree-planting	demo-account	demo-cece	2026-10-20 23:00:12.019+00	{"id": "demo-job-tree-planting", "stage": "proposal", "title": "Two red maples, planted", "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "customerID": "demo-cece", "portalLead": false, "createdStage": "proposal", "serviceAddress": {"city": "Springfield", "line1": "12 Oak Street", "region": "IL", "postalCode": "62704"}}
\.


--
-- Data for Name: lead; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.lead (id, account_id, job_id, assignee_id, submitted_at, record) FROM stdin;
376f7412-ca8d-465d-a592-17af1524833c	demo-account	4f792c78-4f17-4d7e-a5fc-99ea45ce5355	\N	2026-11-29 23:01:33.905+00	{"id": "376f7412-ca8d-465d-a592-17af1524833c", "name": "Jordan Rivers", "tags": [], "email": "jordan@example.net", "jobID": "4f792c78-4f17-4d7e-a5fc-99ea45ce5355", "phone": "555-0142", "accountID": "demo-account", "portalLead": true, "description": "Dead ash over the drive", "submittedAt": "2026-11-29T23:01:33.905Z", "serviceAddress": "9 Birch Rd, Springfield", "servicesWanted": []}
demo-lead-phone	demo-account	demo-job-phone-lead	\N	2026-11-26 23:00:12.019+00	{"id": "demo-lead-phone", "name": "Sam Rivera", "tags": [], "email": "sam.rivera@example.net", "jobID": "demo-job-phone-lead", "accountID": "demo-account", "portalLead": false, "description": "Called the office asking about weekly mowing.", "submittedAt": "2026-11-26T23:00:12.019Z", "serviceAddress": "31 Elm Street, Springfield, IL", "servicesWanted": ["Lawn care"]}
demo-lead-portal	demo-account	demo-job-portal-lead	\N	2026-11-28 23:00:12.019+00	{"id": "demo-lead-portal", "name": "Jordan Lee", "tags": [], "email": "jordan.lee@example.net", "jobID": "demo-job-portal-lead", "phone": "(555) 010-4410", "accountID": "demo-account", "portalLead": true, "description": "A dead ash tree leans toward the garage.", "submittedAt": "2026-11-28T23:00:12.019Z", "preferredDate": "2026-12-06", "serviceAddress": "9 Birch Road, Springfield, IL 62704", "servicesWanted": ["Tree removal"]}
\.


--
-- Data for Name: login_token; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.login_token (id, account_id, token_hash, used_at, expires_at, record) FROM stdin;
597c9693-a5c0-4ae4-8c16-4b6a8fa0eddc	demo-account	bf7da9a0c2d25f0a9314dba11cb01c9d66c28d69cea70d0ba3f94c5dee656b29	2026-11-29 23:01:33.842999+00	2026-11-29 23:21:32.809+00	{"id": "597c9693-a5c0-4ae4-8c16-4b6a8fa0eddc", "email": "cece@example.com", "usedAt": "2026-11-29T23:01:33.843Z", "accountID": "demo-account", "createdAt": "2026-11-29T23:01:32.809Z", "expiresAt": "2026-11-29T23:21:32.809Z", "tokenHash": "bf7da9a0c2d25f0a9314dba11cb01c9d66c28d69cea70d0ba3f94c5dee656b29"}
d0be0cb4-b741-4019-8128-967af15c1da6	demo-account	8632baf4c592792f1401275498f67547defa188a34f03ba1c2c5dcc8a5d1bf83	\N	2026-11-29 23:20:23.81+00	{"id": "d0be0cb4-b741-4019-8128-967af15c1da6", "email": "cece@example.com", "accountID": "demo-account", "createdAt": "2026-11-29T23:00:23.810Z", "expiresAt": "2026-11-29T23:20:23.810Z", "tokenHash": "8632baf4c592792f1401275498f67547defa188a34f03ba1c2c5dcc8a5d1bf83"}
\.


--
-- Data for Name: outbox_message; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.outbox_message (id, account_id, status, next_attempt_at, created_at, about_key, record) FROM stdin;
54b69fe0-4d01-4c51-b587-9bc33b6d4314	demo-account	delivered	2026-11-29 23:06:35.836999+00	2026-11-29 23:01:33.882999+00	payment:4e79a093-3458-49a0-aca9-a139fec0d90e	{"id": "54b69fe0-4d01-4c51-b587-9bc33b6d4314", "about": {"id": "4e79a093-3458-49a0-aca9-a139fec0d90e", "kind": "payment"}, "email": {"to": [{"name": "Cece Cunningham", "address": "cece@example.com"}], "subject": "Receipt for invoice INV-1001", "htmlBody": "<p>Hello Cece Cunningham,</p>\\n<p>Thank you for your payment to Greenleaf Landscaping.</p>\\n<table>\\n<tr><th align=\\"left\\">Invoice</th><td>INV-1001</td></tr>\\n<tr><th align=\\"left\\">Amount paid</th><td>$240.00</td></tr>\\n<tr><th align=\\"left\\">Service fee</th><td>$7.20</td></tr>\\n<tr><th align=\\"left\\">Charged</th><td>$247.20 (Visa ending 4242)</td></tr>\\n<tr><th align=\\"left\\">Reference</th><td>sandbox_4586ba94-3cbe-4e08-a8fe-943e75a8ff24</td></tr>\\n<tr><th align=\\"left\\">Balance left</th><td>$0.00</td></tr>\\n</table>\\n<p><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo/receipts/4e79a093-3458-49a0-aca9-a139fec0d90e\\">Your receipt</a></p>\\n", "textBody": "Hello Cece Cunningham,\\n\\nThank you for your payment to Greenleaf Landscaping.\\n\\nInvoice: INV-1001\\nAmount paid: $240.00\\nService fee: $7.20\\nCharged: $247.20 (Visa ending 4242)\\nReference: sandbox_4586ba94-3cbe-4e08-a8fe-943e75a8ff24\\nBalance left: $0.00\\n\\nYour receipt: http://127.0.0.1:18080/portal/greenleaf-demo/receipts/4e79a093-3458-49a0-aca9-a139fec0d90e\\n\\nGreenleaf Landscaping\\n"}, "status": "delivered", "attempts": 1, "accountID": "demo-account", "createdAt": "2026-11-29T23:01:33.883Z", "deliveredAt": "2026-11-29T23:01:35.847Z", "nextAttemptAt": "2026-11-29T23:06:35.837Z"}
68fe2c3d-a9ee-4126-990b-4b04e5164eeb	demo-account	delivered	2026-11-29 23:05:25.757999+00	2026-11-29 23:00:23.81+00	loginLink:d0be0cb4-b741-4019-8128-967af15c1da6	{"id": "68fe2c3d-a9ee-4126-990b-4b04e5164eeb", "about": {"id": "d0be0cb4-b741-4019-8128-967af15c1da6", "kind": "loginLink"}, "email": {"to": [{"name": "Cece Cunningham", "address": "cece@example.com"}], "subject": "Your login link for Greenleaf Landscaping", "htmlBody": "<p>Hello,</p>\\n<p>Here is your link to log in to the Greenleaf Landscaping client portal:</p>\\n<p><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo/auth/TqClZ8Ra_2nKz75O1yADOS5w6BSIVOP_VdkSCAdue1o\\">Log in to your portal</a></p>\\n<p>It works once and for 20 minutes. If you did not ask for it, ignore this email: nobody can log in without opening the link.</p>\\n<p>Greenleaf Landscaping<br><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo\\">http://127.0.0.1:18080/portal/greenleaf-demo</a></p>\\n", "textBody": "Hello,\\n\\nHere is your link to log in to the Greenleaf Landscaping client portal:\\n\\nhttp://127.0.0.1:18080/portal/greenleaf-demo/auth/TqClZ8Ra_2nKz75O1yADOS5w6BSIVOP_VdkSCAdue1o\\n\\nIt works once and for 20 minutes. If you did not ask for it, ignore this email: nobody can log in without opening the link.\\n\\nGreenleaf Landscaping\\nhttp://127.0.0.1:18080/portal/greenleaf-demo\\n"}, "status": "delivered", "attempts": 1, "accountID": "demo-account", "createdAt": "2026-11-29T23:00:23.810Z", "deliveredAt": "2026-11-29T23:00:25.764Z", "nextAttemptAt": "2026-11-29T23:05:25.758Z"}
79c60171-d24a-4412-8e15-4e25a67ec549	demo-account	delivered	2026-11-29 23:06:35.836999+00	2026-11-29 23:01:33.905+00	lead:376f7412-ca8d-465d-a592-17af1524833c	{"id": "79c60171-d24a-4412-8e15-4e25a67ec549", "about": {"id": "376f7412-ca8d-465d-a592-17af1524833c", "kind": "lead"}, "email": {"to": [{"address": "jordan@example.net"}], "subject": "We received your request", "htmlBody": "<p>Hello,</p>\\n<p>Thank you for your request. Greenleaf Landscaping has received it and will be in touch.</p>\\n<p>What you asked for: see the description</p>\\n\\n<p>Greenleaf Landscaping<br><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo\\">http://127.0.0.1:18080/portal/greenleaf-demo</a></p>\\n", "textBody": "Hello,\\n\\nThank you for your request. Greenleaf Landscaping has received it and will be in touch.\\n\\nWhat you asked for: see the description\\n\\nGreenleaf Landscaping\\nhttp://127.0.0.1:18080/portal/greenleaf-demo\\n"}, "status": "delivered", "attempts": 1, "accountID": "demo-account", "createdAt": "2026-11-29T23:01:33.905Z", "deliveredAt": "2026-11-29T23:01:35.855Z", "nextAttemptAt": "2026-11-29T23:06:35.837Z"}
7bc941ce-3199-4efc-af41-00c8b5a6d383	demo-account	delivered	2026-11-29 23:06:35.836999+00	2026-11-29 23:01:33.905+00	lead:376f7412-ca8d-465d-a592-17af1524833c	{"id": "7bc941ce-3199-4efc-af41-00c8b5a6d383", "about": {"id": "376f7412-ca8d-465d-a592-17af1524833c", "kind": "lead"}, "email": {"to": [{"address": "office@greenleaf.example"}, {"address": "sales@greenleaf.example"}], "subject": "New portal lead: Jordan Rivers", "htmlBody": "<p>A new service request came in through the Greenleaf Landscaping customer portal.</p>\\n<table>\\n<tr><th align=\\"left\\">Name</th><td>Jordan Rivers</td></tr>\\n<tr><th align=\\"left\\">Email</th><td>jordan@example.net</td></tr>\\n<tr><th align=\\"left\\">Phone</th><td>555-0142</td></tr>\\n<tr><th align=\\"left\\">Service address</th><td>9 Birch Rd, Springfield</td></tr>\\n<tr><th align=\\"left\\">Services wanted</th><td>see the description</td></tr>\\n<tr><th align=\\"left\\">Preferred date</th><td>any</td></tr>\\n</table>\\n<p>Dead ash over the drive</p>\\n<p><a href=\\"http://127.0.0.1:18080/admin/leads/376f7412-ca8d-465d-a592-17af1524833c\\">View lead</a></p>\\n", "textBody": "A new service request came in through the Greenleaf Landscaping customer portal.\\n\\nName: Jordan Rivers\\nEmail: jordan@example.net\\nPhone: 555-0142\\nService address: 9 Birch Rd, Springfield\\nServices wanted: see the description\\nPreferred date: any\\n\\nDead ash over the drive\\n\\nView lead: http://127.0.0.1:18080/admin/leads/376f7412-ca8d-465d-a592-17af1524833c\\n"}, "status": "delivered", "attempts": 1, "accountID": "demo-account", "createdAt": "2026-11-29T23:01:33.905Z", "deliveredAt": "2026-11-29T23:01:35.858Z", "nextAttemptAt": "2026-11-29T23:06:35.837Z"}
f49e70f9-2268-4e03-b5e6-790e68d68df1	demo-account	delivered	2026-11-29 23:06:33.829999+00	2026-11-29 23:01:32.809+00	loginLink:597c9693-a5c0-4ae4-8c16-4b6a8fa0eddc	{"id": "f49e70f9-2268-4e03-b5e6-790e68d68df1", "about": {"id": "597c9693-a5c0-4ae4-8c16-4b6a8fa0eddc", "kind": "loginLink"}, "email": {"to": [{"name": "Cece Cunningham", "address": "cece@example.com"}], "subject": "Your login link for Greenleaf Landscaping", "htmlBody": "<p>Hello,</p>\\n<p>Here is your link to log in to the Greenleaf Landscaping client portal:</p>\\n<p><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo/auth/5Ont9kzGWGIivIte-piEyRgglmfGQm-TMXh_pIHIhD0\\">Log in to your portal</a></p>\\n<p>It works once and for 20 minutes. If you did not ask for it, ignore this email: nobody can log in without opening the link.</p>\\n<p>Greenleaf Landscaping<br><a href=\\"http://127.0.0.1:18080/portal/greenleaf-demo\\">http://127.0.0.1:18080/portal/greenleaf-demo</a></p>\\n", "textBody": "Hello,\\n\\nHere is your link to log in to the Greenleaf Landscaping client portal:\\n\\nhttp://127.0.0.1:18080/portal/greenleaf-demo/auth/5Ont9kzGWGIivIte-piEyRgglmfGQm-TMXh_pIHIhD0\\n\\nIt works once and for 20 minutes. If you did not ask for it, ignore this email: nobody can log in without opening the link.\\n\\nGreenleaf Landscaping\\nhttp://127.0.0.1:18080/portal/greenleaf-demo\\n"}, "status": "delivered", "attempts": 1, "accountID": "demo-account", "createdAt": "2026-11-29T23:01:32.809Z", "deliveredAt": "2026-11-29T23:01:33.834Z", "nextAttemptAt": "2026-11-29T23:06:33.830Z"}
\.


--
-- Data for Name: payment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.payment (id, account_id, invoice_id, idempotency_key, received_at, record) FROM stdin;
4e79a093-3458-49a0-aca9-a139fec0d90e	demo-account	demo-invoice-1001	uANystTFx1RR0ugJhslDjtBddrN-7gk5ZCoNgx7cPkE	2026-11-29 23:01:33.882999+00	{"id": "4e79a093-3458-49a0-aca9-a139fec0d90e", "card": {"brand": "Visa", "last4": "4242"}, "amount": 24000, "method": "card", "source": "portal", "accountID": "demo-account", "invoiceID": "demo-invoice-1001", "receivedAt": "2026-11-29T23:01:33.883Z", "serviceFee": 720, "idempotencyKey": "uANystTFx1RR0ugJhslDjtBddrN-7gk5ZCoNgx7cPkE", "gatewayReference": "sandbox_4586ba94-3cbe-4e08-a8fe-943e75a8ff24"}
demo-payment-1002	demo-account	demo-invoice-1002	\N	2026-05-23 23:00:12.019+00	{"id": "demo-payment-1002", "amount": 18000, "method": "check", "source": "staff", "accountID": "demo-account", "invoiceID": "demo-invoice-1002", "receivedAt": "2026-05-23T23:00:12.019Z", "serviceFee": 0}
demo-payment-1003	demo-account	demo-invoice-1003	\N	2025-11-04 23:00:12.019+00	{"id": "demo-payment-1003", "amount": 15000, "method": "check", "source": "staff", "accountID": "demo-account", "invoiceID": "demo-invoice-1003", "receivedAt": "2025-11-04T23:00:12.019Z", "serviceFee": 0}
demo-payment-1007	demo-account	demo-invoice-1007	\N	2026-11-29 23:00:12.019+00	{"id": "demo-payment-1007", "amount": 20000, "method": "check", "source": "staff", "accountID": "demo-account", "invoiceID": "demo-invoice-1007", "receivedAt": "2026-11-29T23:00:12.019Z", "serviceFee": 0}
demo-payment-1011	demo-account	demo-invoice-1011	\N	2026-08-31 23:00:12.019+00	{"id": "demo-payment-1011", "amount": 27500, "method": "check", "source": "staff", "accountID": "demo-account", "invoiceID": "demo-invoice-1011", "receivedAt": "2026-08-31T23:00:12.019Z", "serviceFee": 0}
\.


--
-- Data for Name: proposal; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.proposal (id, account_id, job_id, customer_id, status, version, record) FROM stdin;
demo-proposal-accepted-email	demo-account	demo-job-accepted-email	demo-cece	accepted	1	{"id": "demo-proposal-accepted-email", "jobID": "demo-job-accepted-email", "title": "Fall aeration", "sentAt": "2026-11-24T23:00:12.019Z", "status": "accepted", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "acceptance": {"via": "emailLink", "acceptedAt": "2026-11-27T23:00:12.019Z", "versionHash": "f207f9f2e7ebddd1ab4c4c2491f3720acd795a62a984afdd21cc41a8532988b5", "signatureName": "Cece Cunningham", "chosenOptionalItemIDs": []}, "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-accepted-portal	demo-account	demo-job-accepted-portal	demo-cece	accepted	1	{"id": "demo-proposal-accepted-portal", "jobID": "demo-job-accepted-portal", "title": "Weekly mowing", "sentAt": "2026-11-24T23:00:12.019Z", "status": "accepted", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "acceptance": {"via": "portal", "acceptedAt": "2026-11-27T23:00:12.019Z", "versionHash": "6b94515616316b57b8fcac859e1a73edd03d326f8fceab837180e92de260ae84", "signatureName": "Cece Cunningham", "chosenOptionalItemIDs": []}, "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-accepted-staff	demo-account	demo-job-accepted-staff	demo-cece	accepted	1	{"id": "demo-proposal-accepted-staff", "jobID": "demo-job-accepted-staff", "title": "Hedge trimming", "sentAt": "2026-11-24T23:00:12.019Z", "status": "accepted", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "acceptance": {"via": "staff", "acceptedAt": "2026-11-27T23:00:12.019Z", "versionHash": "b065a2c7f9a9787b91f4493998734b3ca5df521d3481ceb3937cb997bab737ba", "signatureName": "Cece Cunningham", "chosenOptionalItemIDs": []}, "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-declined	demo-account	demo-job-declined	demo-cece	declined	1	{"id": "demo-proposal-declined", "jobID": "demo-job-declined", "title": "Patio pavers", "sentAt": "2026-11-24T23:00:12.019Z", "status": "declined", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "customerID": "demo-cece", "declineReason": "We decided to wait until next season.", "taxRateBasisPoints": 625}
demo-proposal-draft	demo-account	demo-job-draft	demo-cece	draft	1	{"id": "demo-proposal-draft", "jobID": "demo-job-draft", "title": "Irrigation start-up", "status": "draft", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-expired	demo-account	demo-job-expired	demo-cece	sent	1	{"id": "demo-proposal-expired", "jobID": "demo-job-expired", "title": "Stump grinding", "sentAt": "2026-10-20T23:00:12.019Z", "status": "sent", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-11-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-harbor-trees	demo-account	demo-job-harbor-trees	demo-harbor	sent	1	{"id": "demo-proposal-harbor-trees", "jobID": "demo-job-harbor-trees", "title": "Common-area tree care", "sentAt": "2026-11-24T23:00:12.019Z", "status": "sent", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "customerID": "demo-harbor", "taxRateBasisPoints": 625}
demo-proposal-reverted	demo-account	demo-job-reverted	demo-cece	sent	1	{"id": "demo-proposal-reverted", "jobID": "demo-job-reverted", "title": "Oak pruning (created active, reverted)", "sentAt": "2026-11-24T23:00:12.019Z", "status": "sent", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-mow", "quantity": 26, "unitPrice": 4500, "isOptional": false, "description": "Weekly mowing (season)"}], "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-spring-cleanup	demo-account	demo-job-spring-cleanup	demo-cece	sent	1	{"id": "demo-proposal-spring-cleanup", "jobID": "demo-job-spring-cleanup", "title": "Spring clean-up and mulch", "sentAt": "2026-11-24T23:00:12.019Z", "status": "sent", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-cleanup", "quantity": 1, "unitPrice": 38000, "isOptional": false, "description": "Spring clean-up, beds and lawn"}, {"id": "demo-item-mulch", "quantity": 6, "unitPrice": 6500, "isOptional": false, "description": "Hardwood mulch, installed (yards)"}, {"id": "demo-item-edging", "quantity": 40, "unitPrice": 900, "isOptional": true, "description": "Steel bed edging (optional)"}], "customerID": "demo-cece", "taxRateBasisPoints": 625}
demo-proposal-tree-planting	demo-account	demo-job-tree-planting	demo-cece	sent	1	{"id": "demo-proposal-tree-planting", "jobID": "demo-job-tree-planting", "title": "Two red maples, planted", "sentAt": "2026-11-24T23:00:12.019Z", "status": "sent", "version": 1, "accountID": "demo-account", "createdAt": "2026-10-20T23:00:12.019Z", "expiresOn": "2026-12-19", "lineItems": [{"id": "demo-item-maple", "quantity": 2, "unitPrice": 42500, "isOptional": false, "description": "Red maple, 2 in. caliper, planted and staked"}, {"id": "demo-item-guard", "quantity": 2, "unitPrice": 1800, "isOptional": true, "description": "Trunk guards (optional)"}], "customerID": "demo-cece", "taxRateBasisPoints": 625}
\.


--
-- Data for Name: proposal_link; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.proposal_link (id, account_id, proposal_id, token_hash, record) FROM stdin;
34ae465a-f157-47c1-a5b8-76f49d49b9d1	demo-account	demo-proposal-tree-planting	c6f6cb481c3954d25cd8c7aae35b2d3103311f17fc459386ee33569e4f8879d0	{"id": "34ae465a-f157-47c1-a5b8-76f49d49b9d1", "accountID": "demo-account", "createdAt": "2026-11-29T23:00:12.021Z", "tokenHash": "c6f6cb481c3954d25cd8c7aae35b2d3103311f17fc459386ee33569e4f8879d0", "proposalID": "demo-proposal-tree-planting"}
\.


--
-- Data for Name: schema_migration; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migration (version, name, applied_at) FROM stdin;
1	accounts, customers, work, money, auth, outbox, audit, counters	2026-11-29 23:01:49.561377+00
\.


--
-- Data for Name: session; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.session (id, account_id, absolute_expiry, record) FROM stdin;
c4e678bfbff1fe72e5bc7a25b8adc2aa80701d2ea0e708a95f5e4604b8027ab0	demo-account	2026-12-29 23:01:33.846+00	{"id": "c4e678bfbff1fe72e5bc7a25b8adc2aa80701d2ea0e708a95f5e4604b8027ab0", "accountID": "demo-account", "createdAt": "2026-11-29T23:01:33.846Z", "principal": {"client": {"email": "cece@example.com", "customerID": "demo-cece"}}, "lastSeenAt": "2026-11-29T23:01:33.846Z", "absoluteExpiry": "2026-12-29T23:01:33.846Z"}
\.


--
-- Data for Name: staff_user; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.staff_user (id, account_id, email, name, record) FROM stdin;
demo-admin	demo-account	admin@greenleaf.example	Alex Admin	{"id": "demo-admin", "name": "Alex Admin", "role": "admin", "email": "admin@greenleaf.example", "accountID": "demo-account", "passwordHash": "$2b$10$Yg0rrhYHYfMCXRBiQs6pHeAGA7vFfRaR0wM5g9KejB2YT2NcZo96S"}
\.


--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);


--
-- Name: account account_portal_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_portal_key_key UNIQUE (portal_key);


--
-- Name: api_token api_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);


--
-- Name: api_token api_token_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_token_hash_key UNIQUE (token_hash);


--
-- Name: audit_event audit_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);


--
-- Name: counter counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counter
    ADD CONSTRAINT counter_pkey PRIMARY KEY (id);


--
-- Name: customer customer_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_account_id_id_key UNIQUE (account_id, id);


--
-- Name: customer_email customer_email_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_email
    ADD CONSTRAINT customer_email_pkey PRIMARY KEY (customer_id, email);


--
-- Name: customer customer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (id);


--
-- Name: invoice invoice_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_account_id_id_key UNIQUE (account_id, id);


--
-- Name: invoice invoice_account_id_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_account_id_number_key UNIQUE (account_id, number);


--
-- Name: invoice invoice_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_pkey PRIMARY KEY (id);


--
-- Name: job job_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job
    ADD CONSTRAINT job_account_id_id_key UNIQUE (account_id, id);


--
-- Name: job job_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);


--
-- Name: lead lead_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_pkey PRIMARY KEY (id);


--
-- Name: login_token login_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_token
    ADD CONSTRAINT login_token_pkey PRIMARY KEY (id);


--
-- Name: login_token login_token_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_token
    ADD CONSTRAINT login_token_token_hash_key UNIQUE (token_hash);


--
-- Name: outbox_message outbox_message_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_message
    ADD CONSTRAINT outbox_message_pkey PRIMARY KEY (id);


--
-- Name: payment payment_account_id_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_account_id_idempotency_key_key UNIQUE (account_id, idempotency_key);


--
-- Name: payment payment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_pkey PRIMARY KEY (id);


--
-- Name: proposal proposal_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal
    ADD CONSTRAINT proposal_account_id_id_key UNIQUE (account_id, id);


--
-- Name: proposal_link proposal_link_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal_link
    ADD CONSTRAINT proposal_link_pkey PRIMARY KEY (id);


--
-- Name: proposal_link proposal_link_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal_link
    ADD CONSTRAINT proposal_link_token_hash_key UNIQUE (token_hash);


--
-- Name: proposal proposal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal
    ADD CONSTRAINT proposal_pkey PRIMARY KEY (id);


--
-- Name: schema_migration schema_migration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (version);


--
-- Name: session session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session
    ADD CONSTRAINT session_pkey PRIMARY KEY (id);


--
-- Name: staff_user staff_user_account_id_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_user
    ADD CONSTRAINT staff_user_account_id_email_key UNIQUE (account_id, email);


--
-- Name: staff_user staff_user_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_user
    ADD CONSTRAINT staff_user_account_id_id_key UNIQUE (account_id, id);


--
-- Name: staff_user staff_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_user
    ADD CONSTRAINT staff_user_pkey PRIMARY KEY (id);


--
-- Name: api_token_by_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_token_by_account ON public.api_token USING btree (account_id, created_at);


--
-- Name: audit_event_about; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_about ON public.audit_event USING btree (account_id, about_key, occurred_at);


--
-- Name: audit_event_recent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_recent ON public.audit_event USING btree (account_id, occurred_at);


--
-- Name: counter_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX counter_expiry ON public.counter USING btree (expires_at);


--
-- Name: customer_email_by_account_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_email_by_account_email ON public.customer_email USING btree (account_id, email);


--
-- Name: invoice_portal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invoice_portal ON public.invoice USING btree (account_id, customer_id, voided);


--
-- Name: job_by_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX job_by_customer ON public.job USING btree (account_id, customer_id);


--
-- Name: lead_by_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_by_account ON public.lead USING btree (account_id, submitted_at);


--
-- Name: login_token_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_token_expiry ON public.login_token USING btree (expires_at);


--
-- Name: outbox_about; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_about ON public.outbox_message USING btree (account_id, about_key);


--
-- Name: outbox_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_due ON public.outbox_message USING btree (next_attempt_at) WHERE (status = ANY (ARRAY['queued'::text, 'retrying'::text]));


--
-- Name: outbox_failures; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_failures ON public.outbox_message USING btree (account_id, status, created_at);


--
-- Name: payment_by_invoice; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_by_invoice ON public.payment USING btree (account_id, invoice_id);


--
-- Name: proposal_by_job; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX proposal_by_job ON public.proposal USING btree (account_id, job_id);


--
-- Name: proposal_portal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX proposal_portal ON public.proposal USING btree (account_id, customer_id, status);


--
-- Name: session_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX session_expiry ON public.session USING btree (absolute_expiry);


--
-- Name: staff_user_by_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_user_by_email ON public.staff_user USING btree (email);


--
-- Name: api_token api_token_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: audit_event audit_event_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: customer customer_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: customer_email customer_email_account_id_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_email
    ADD CONSTRAINT customer_email_account_id_customer_id_fkey FOREIGN KEY (account_id, customer_id) REFERENCES public.customer(account_id, id) ON DELETE CASCADE;


--
-- Name: invoice invoice_account_id_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_account_id_customer_id_fkey FOREIGN KEY (account_id, customer_id) REFERENCES public.customer(account_id, id);


--
-- Name: invoice invoice_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: invoice invoice_account_id_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_account_id_job_id_fkey FOREIGN KEY (account_id, job_id) REFERENCES public.job(account_id, id);


--
-- Name: job job_account_id_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job
    ADD CONSTRAINT job_account_id_customer_id_fkey FOREIGN KEY (account_id, customer_id) REFERENCES public.customer(account_id, id);


--
-- Name: job job_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job
    ADD CONSTRAINT job_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: lead lead_account_id_assignee_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_account_id_assignee_id_fkey FOREIGN KEY (account_id, assignee_id) REFERENCES public.staff_user(account_id, id);


--
-- Name: lead lead_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: lead lead_account_id_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_account_id_job_id_fkey FOREIGN KEY (account_id, job_id) REFERENCES public.job(account_id, id);


--
-- Name: login_token login_token_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_token
    ADD CONSTRAINT login_token_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: outbox_message outbox_message_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_message
    ADD CONSTRAINT outbox_message_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: payment payment_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: payment payment_account_id_invoice_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_account_id_invoice_id_fkey FOREIGN KEY (account_id, invoice_id) REFERENCES public.invoice(account_id, id);


--
-- Name: proposal proposal_account_id_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal
    ADD CONSTRAINT proposal_account_id_customer_id_fkey FOREIGN KEY (account_id, customer_id) REFERENCES public.customer(account_id, id);


--
-- Name: proposal proposal_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal
    ADD CONSTRAINT proposal_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: proposal proposal_account_id_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal
    ADD CONSTRAINT proposal_account_id_job_id_fkey FOREIGN KEY (account_id, job_id) REFERENCES public.job(account_id, id);


--
-- Name: proposal_link proposal_link_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal_link
    ADD CONSTRAINT proposal_link_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: proposal_link proposal_link_account_id_proposal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposal_link
    ADD CONSTRAINT proposal_link_account_id_proposal_id_fkey FOREIGN KEY (account_id, proposal_id) REFERENCES public.proposal(account_id, id);


--
-- Name: session session_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session
    ADD CONSTRAINT session_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: staff_user staff_user_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_user
    ADD CONSTRAINT staff_user_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


