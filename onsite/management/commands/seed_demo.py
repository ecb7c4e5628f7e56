from django.core.management.base import BaseCommand

from onsite import demo


class Command(BaseCommand):
    help = "Build a demo company with sites, staff and one login per role (skipped if present)."

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=30, help="number of staff (default 30)")
        parser.add_argument(
            "--months", type=int, default=3, help="months of history to build (default 3)"
        )

    def handle(self, *args, staff: int, months: int, **options):
        if demo.demo_exists():
            self.stdout.write("Demo data is already present; nothing to do.")
        else:
            built = demo.seed_demo(staff_count=staff, months=months)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {built['staff']} staff at {built['sites']} sites of {built['company']}."
                )
            )
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
        for user in demo.DEMO_USERS:
            self.stdout.write(f"  {user.username:<11} {user.role.label} · {user.name}")
