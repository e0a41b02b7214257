graphgen_macros::action! {
    /// An event of mine.
    GET "/me/events/{id}" => event {
        path {
            /// The event.
            id,
            /// The calendar: not in the path template.
            calendarId,
        }
        returns 200 String;
    }
}

fn main() {}
