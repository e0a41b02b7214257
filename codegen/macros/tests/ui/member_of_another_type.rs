// `set_null` takes a member of its own struct only: a member constant of another
// updated struct is a type error, not a `null` sent under a wrong name.
graphgen_macros::action! {
    /// call: update.
    PATCH "/contoso/calls/{id}" => calls {
        path { id }
        body call;
        returns 204;
    }
    /// settings: update.
    PATCH "/contoso/settings/{id}" => calls {
        path { id }
        body {
            label?: String,
        }
        returns 204;
    }
}

fn main() {
    use calls::v1::{requests::SettingUpdateRequest, types::Call};
    let mut call = Call::default();
    call.set_null(Call::SUBJECT);
    call.set_null(SettingUpdateRequest::LABEL);
}
