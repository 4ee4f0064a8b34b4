Return-Path: <>
Delivered-To: bounces@sender.example.com
Date: Thu, 01 Feb 2024 09:30:02 +0000
From: MAILER-DAEMON@mx.sender.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces@sender.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="B7E4F5A6B7C.1706779802/mx.sender.example.com"
Message-Id: <20240201093002.7E4F5A6B7C@mx.sender.example.com>

This is a MIME-encapsulated message.

--B7E4F5A6B7C.1706779802/mx.sender.example.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.sender.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<jorge@nowhere.example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.2 <jorge@nowhere.example.org>: Recipient address rejected: Domain not found

--B7E4F5A6B7C.1706779802/mx.sender.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.sender.example.com
X-Postfix-Queue-ID: 7E4F5A6B7C
Arrival-Date: Thu,  1 Feb 2024 09:29:58 +0000

Final-Recipient: rfc822; jorge@nowhere.example.org
Original-Recipient: rfc822;jorge@nowhere.example.org
Action: failed
Status: 5.1.2
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.2 <jorge@nowhere.example.org>: Recipient address rejected: Domain not found

--B7E4F5A6B7C.1706779802/mx.sender.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: News <news@sender.example.com>
To: jorge@nowhere.example.org
Subject: February news
Date: Thu, 01 Feb 2024 09:29:58 +0000
Message-ID: <20240201092958.7E4F5A6B7C@sender.example.com>

--B7E4F5A6B7C.1706779802/mx.sender.example.com--
